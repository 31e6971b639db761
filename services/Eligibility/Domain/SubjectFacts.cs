namespace Socialtjanst.Eligibility.Domain;

/// <summary>What is known of one subject (the person or their child). Null means not given.</summary>
public sealed record SubjectFacts(int? Age, string? RegisteredMunicipality, string? SchoolMunicipality)
{
    public static readonly SubjectFacts Unknown = new(null, null, null);
}
