namespace Socialtjanst.FollowUp.Storage;

/// <summary>One row of the due list: read from the covering index alone.</summary>
public sealed class DueRow
{
    public string DecisionId { get; set; } = "";

    public string CaseReference { get; set; } = "";

    public string Intervention { get; set; } = "";

    public string NextDue { get; set; } = "";

    public long NextDueReason { get; set; }
}
