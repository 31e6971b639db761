namespace Socialtjanst.FollowUp.Storage;

/// <summary>A stored decision: its body (the decision as protobuf JSON) and the columns derived from it.</summary>
public sealed class DecisionRow
{
    public string DecisionId { get; set; } = "";

    public string CaseReference { get; set; } = "";

    public string Intervention { get; set; } = "";

    public string DecisionDate { get; set; } = "";

    public string Body { get; set; } = "";

    public string? NextDue { get; set; }

    public long NextDueReason { get; set; }

    public string? ExecutionDeadline { get; set; }

    public string? ExecutedOn { get; set; }

    public string? InterruptionDeadline { get; set; }

    public string? ClosedOn { get; set; }

    public long Version { get; set; }

    /// <summary>The revision of the kommun's follow-up rules the schedule columns were computed with (0: none).</summary>
    public long RulesRevision { get; set; }
}
