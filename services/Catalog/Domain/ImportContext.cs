using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>Where a catalog file's problems go while one insats is read: each names the insats and its path.</summary>
public sealed record ImportContext(List<ImportIssue> Errors, string InterventionId)
{
    public void Error(string field, string message) => Errors.Add(new ImportIssue { InterventionId = InterventionId, Field = field, Message = message });
}
