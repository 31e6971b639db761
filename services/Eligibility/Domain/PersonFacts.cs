using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// The facts of one check, already validated. Facts only: the type has no place for needs,
/// problems or assessments, so a summary check cannot become a behovsprövning.
/// </summary>
public sealed record PersonFacts(
    SubjectFacts Person,
    SubjectFacts Child,
    bool? GuardianConsent,
    bool? GuardianInformed,
    IReadOnlySet<string> AttestedFacts,
    IReadOnlySet<string> DeniedFacts,
    IReadOnlySet<UncertainFact> Uncertain,
    IReadOnlySet<string> UncertainAttestedFacts)
{
    private static readonly IReadOnlySet<string> NoCodes = new HashSet<string>();
    private static readonly IReadOnlySet<UncertainFact> NoUncertainty = new HashSet<UncertainFact>();

    /// <summary>No fact given: every condition is unknown and names what it reads.</summary>
    public static PersonFacts None { get; } = Of(SubjectFacts.Unknown);

    public static PersonFacts Of(SubjectFacts person, SubjectFacts? child = null, bool? consent = null, bool? informed = null,
        IReadOnlySet<string>? attested = null, IReadOnlySet<string>? denied = null,
        IReadOnlySet<UncertainFact>? uncertain = null, IReadOnlySet<string>? uncertainAttested = null) =>
        new(person, child ?? SubjectFacts.Unknown, consent, informed, attested ?? NoCodes, denied ?? NoCodes,
            uncertain ?? NoUncertainty, uncertainAttested ?? NoCodes);
}
