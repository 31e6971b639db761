using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Documentation.Application;

/// <summary>The insatser of a kommun as this service's catalog copy has them.</summary>
public sealed class Interventions(CatalogReplica.CatalogReplica catalog)
{
    /// <summary>The insats in force on a day, with the catalog revision it was read from.</summary>
    public (Intervention Intervention, long Revision) InForce(string code, string name, DateOnly day)
    {
        var snapshot = catalog.Get(code) ?? throw Problems.CatalogNotReceived();
        var iv = snapshot.InForce(name, day) ?? throw Problems.NotFound("Insatsen den dagen");
        return (iv, snapshot.Revision);
    }

    /// <summary>Whether the kommun's catalog has ever had the insats (an activity report spans its versions).</summary>
    public void RequireKnown(string code, string name)
    {
        var snapshot = catalog.Get(code) ?? throw Problems.CatalogNotReceived();
        if (!snapshot.Knows(name))
        {
            throw Problems.NotFound("Insatsen");
        }
    }
}
