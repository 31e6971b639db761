namespace Socialtjanst.FollowUp.Domain;

/// <summary>An interruption of execution, and when (if) it was resumed.</summary>
public sealed record Interruption(DateOnly From, DateOnly? ResumedOn);
