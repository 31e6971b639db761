using Socialtjanst.Documentation;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Data;

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
