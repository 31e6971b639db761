using Socialtjanst.FollowUp;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("FollowUp");
builder.AddFollowUp();

var app = builder.Build();
app.MapServiceDefaults();
app.MapFollowUp();
await app.RunServiceAsync();
