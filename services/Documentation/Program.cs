using Socialtjanst.Documentation;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.RunIfAsked(Extensions.Migrated))
{
    return; // the migration Job
}

builder.AddServiceDefaults("Documentation");
builder.AddDocumentation();

var app = builder.Build();
app.MapServiceDefaults();
app.MapDocumentation();
await app.RunServiceAsync();
