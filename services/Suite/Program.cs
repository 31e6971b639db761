using Socialtjanst.Catalog;
using Socialtjanst.Documentation;
using Socialtjanst.Eligibility;
using Socialtjanst.FollowUp;
using Socialtjanst.Suite;

return await SuiteHost.RunAsync(args,
[
    new SuiteService("Catalog", 5101, b => b.AddCatalog(), a => a.MapCatalog()),
    new SuiteService("Eligibility", 5102, b => b.AddEligibility(), a => a.MapEligibility(), DefaultRestPort: 5112),
    new SuiteService("Documentation", 5103, b => b.AddDocumentation(), a => a.MapDocumentation()),
    new SuiteService("FollowUp", 5104, b => b.AddFollowUp(), a => a.MapFollowUp()),
]);
