using Grpc.Core;
using Socialtjanst.Audit;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Api;

/// <summary>A change of the nämnd's catalog is in the access log with the decision it rests on.</summary>
public static class CatalogAudit
{
    public static Intervention Audited(this ServerCallContext context, Intervention changed)
    {
        context.Audit(changed.Name, changed.CommitteeDecisionReference);
        return changed;
    }

    /// <summary>An import, on the kommun, with every decision its file's insatser rest on.</summary>
    public static ImportReport Audited(this ServerCallContext context, string parent, ImportReport report)
    {
        context.Audit(parent, string.Join("; ", report.CommitteeDecisionReferences));
        return report;
    }
}
