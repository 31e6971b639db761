namespace Socialtjanst.FollowUp.Domain;

/// <summary>When a decision's next follow-up falls due, and why.</summary>
public sealed record FollowUpDue(DateOnly Due, DueReason Reason);
