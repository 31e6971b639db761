using Microsoft.Extensions.Configuration;
using Socialtjanst.Data;
using Socialtjanst.FollowUp;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.Type.V1;

// Reads FollowUp's own configuration (appsettings, environment, --Key=value): Database:* and
// FollowUp:CaseReferences:*. Usage: dotnet run --project tools/CaseReferenceReview -- --kommun=2514
var configuration = new ConfigurationBuilder()
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var code = configuration["kommun"];
var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>();
if (code is null || code.Length != 4 || !code.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(database?.ConnectionString))
{
    Console.Error.WriteLine("Usage: --kommun=<kommunkod> with Database:Provider and Database:ConnectionString set.");
    return 2;
}

var review = new StoredCaseReferences(new FollowUpStore(new DbConnectionFactory(database)), Extensions.CaseReferenceFormats(configuration));
var refused = await review.RefusedAsync(code, CivilDates.Today(TimeProvider.System), CancellationToken.None);
foreach (var (decision, why) in refused)
{
    Console.WriteLine($"{decision}\t{why}");
}

Console.WriteLine($"{refused.Count} decisions hold a case reference that would be refused today.");
return refused.Count == 0 ? 0 : 1;
