using Socialtjanst.Eligibility;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Eligibility");
builder.AddEligibility();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEligibility();
await app.RunServiceAsync();
