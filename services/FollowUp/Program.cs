using Socialtjanst.FollowUp;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.RunIfAsked(Extensions.Migrated))
{
    return; // the migration Job
}

builder.AddServiceDefaults("FollowUp");
builder.AddFollowUp();

var app = builder.Build();
app.MapServiceDefaults();
app.MapFollowUp();
await app.RunServiceAsync();
