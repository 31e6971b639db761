using Socialtjanst.Catalog;
using Socialtjanst.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.RunIfAsked(Extensions.Migrated))
{
    return; // the migration Job
}

builder.AddServiceDefaults("Catalog");
builder.AddCatalog();

var app = builder.Build();
app.MapServiceDefaults();
app.MapCatalog();
await app.RunServiceAsync();
