using Socialtjanst.Catalog;
using Socialtjanst.Suite;

await SuiteHost.RunAsync(args,
[
    new SuiteService("Catalog", 5101, b => b.AddCatalog(), a => a.MapCatalog()),
]);
