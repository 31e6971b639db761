using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// An eligibility answer as the decision log keeps it, by its decision id in its kommun: when, for which
/// day and insats, on which catalog revision, the outcome, each condition's result and source, and the
/// question's facts as a <see cref="FactProfile"/>.
/// </summary>
public sealed record DecisionLogEntry(
    string MunicipalityCode,
    string DecisionId,
    DateTimeOffset DecidedAt,
    DateOnly AsOf,
    string InterventionId,
    long CatalogRevision,
    Outcome Outcome,
    IReadOnlyList<ConditionRecord> Conditions,
    FactProfile Facts);
