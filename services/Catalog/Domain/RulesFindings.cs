using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// A kommun's rules accepted but put before the nämnd: where the guideline's own words contradict each other, the
/// suite applies the reading that protects the person until the nämnd decides, and says so here.
/// </summary>
public static class RulesFindings
{
    public static List<Finding> Of(MunicipalityRules rules)
    {
        var findings = new List<Finding>();
        // Kalix ("Uppföljning"): "Alla biståndsbedömda insatser ska följas upp var sjätte månad och oftare vid behov",
        // and for extensive, changing needs "inom 2 månader efter beslutsdatum och därefter årligen". The interval for
        // all is a floor; a longer one for some would lower it. FollowUp applies the shorter (Schedule.NextFollowUp).
        if (rules.FollowUpIntervalMonths > 0 && rules.ExtensiveNeedsFollowUpIntervalMonths > rules.FollowUpIntervalMonths)
        {
            findings.Add(new Finding
            {
                Code = "extensive-needs-interval-longer-than-all",
                Field = "rules.extensive_needs_follow_up_interval_months",
                Message = $"Riktlinjen säger att alla behovsprövade insatser följs upp var {rules.FollowUpIntervalMonths}:e månad, men insatser vid " +
                    $"omfattande och föränderliga behov var {rules.ExtensiveNeedsFollowUpIntervalMonths}:e månad efter den första uppföljningen. " +
                    $"Till dess nämnden beslutat följs de upp var {rules.FollowUpIntervalMonths}:e månad, den läsning som skyddar den enskilde.",
            });
        }

        if (rules.Contact is null || string.IsNullOrWhiteSpace(rules.Contact.Unit))
        {
            findings.Add(new Finding
            {
                Code = "contact-missing",
                Field = "rules.contact",
                Message = "Kommunen har ingen kontakt angiven: svaren säger då bara \"Vänd dig till socialtjänsten\" utan adress, telefon eller öppettid.",
            });
        }

        findings.AddRange(Interpretations.Unconfirmed(rules.Interpretations, "rules."));
        return findings;
    }
}
