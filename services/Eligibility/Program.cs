using Socialtjanst.Eligibility;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.RunIfAsked(Extensions.Migrated))
{
    return; // the migration Job
}

builder.AddServiceDefaults("Eligibility");
builder.AddEligibility();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEligibility();
await app.RunServiceAsync();
