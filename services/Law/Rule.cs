namespace Socialtjanst.Law;

/// <summary>The rules of the Social Services Acts the suite applies, each with its paragraph.</summary>
public enum Rule
{
    /// <summary>The right to apply for needs-assessed insatser.</summary>
    RightToApply,

    /// <summary>Insatser the nämnd offers without individual needs assessment.</summary>
    DirectAccess,

    /// <summary>Informing whoever turns to a direct-access insats of the right to apply.</summary>
    InformationDuty,

    /// <summary>A child's direct-access insats and the guardian's consent.</summary>
    ChildConsent,

    /// <summary>The duty to document the handling of cases and the delivery of insatser.</summary>
    Documentation,

    /// <summary>The counselling exemption from documenting personal circumstances.</summary>
    CounsellingExemption,

    /// <summary>The nämnd's exemption, on special grounds, from documenting what reveals identity.</summary>
    IdentityExemption,

    /// <summary>Decisions not executed in time, reported to IVO, with a special fee.</summary>
    ExecutionDelay,

    /// <summary>Executions interrupted and not resumed in time, likewise.</summary>
    InterruptedExecution,
}
