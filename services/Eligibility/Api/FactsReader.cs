using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.IdentityNumbers;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Eligibility.Api;

/// <summary>
/// Turns the request's facts into <see cref="PersonFacts"/>, or INVALID_ARGUMENT naming every
/// offending field. A personnummer is read for its birth date and dropped here; no message ever
/// repeats a value.
/// </summary>
public static class FactsReader
{
    private static readonly HashSet<UncertainFact> NoUncertainty = [];

    public static PersonFacts Read(Facts? facts, DateOnly asOf, DateOnly today)
    {
        facts ??= new Facts();
        var checks = new FieldChecks();
        var person = FactFields.Subject(checks, facts.AgeCase switch
        {
            Facts.AgeOneofCase.BirthDate => AgeFrom(facts.BirthDate, "facts.birth_date"),
            Facts.AgeOneofCase.PersonalIdentityNumber => AgeFromNumber(facts.PersonalIdentityNumber, "facts.personal_identity_number"),
            Facts.AgeOneofCase.StatedAge => Stated(facts.StatedAge, "facts.stated_age"),
            _ => null,
        }, facts.HasRegisteredMunicipalityCode ? facts.RegisteredMunicipalityCode : null, facts.HasSchoolMunicipalityCode ? facts.SchoolMunicipalityCode : null, "facts.");

        var child = SubjectFacts.Unknown;
        if (facts.Child is { } c)
        {
            child = FactFields.Subject(checks, c.AgeCase switch
            {
                ChildFacts.AgeOneofCase.BirthDate => AgeFrom(c.BirthDate, "facts.child.birth_date"),
                ChildFacts.AgeOneofCase.PersonalIdentityNumber => AgeFromNumber(c.PersonalIdentityNumber, "facts.child.personal_identity_number"),
                ChildFacts.AgeOneofCase.StatedAge => Stated(c.StatedAge, "facts.child.stated_age"),
                _ => null,
            }, c.HasRegisteredMunicipalityCode ? c.RegisteredMunicipalityCode : null, c.HasSchoolMunicipalityCode ? c.SchoolMunicipalityCode : null, "facts.child.");
        }

        var attested = FactFields.Codes(checks, facts.AttestedFacts, "facts.attested_facts");
        var denied = FactFields.Codes(checks, facts.DeniedFacts, "facts.denied_facts");
        var uncertainCodes = FactFields.Codes(checks, facts.UncertainAttestedFacts, "facts.uncertain_attested_facts");
        if (denied.Count > 0 && attested.Overlaps(denied))
        {
            checks.Add("facts.denied_facts", "Samma uppgift kan inte både gälla och inte gälla.");
        }

        if (facts.Attested.Count > 0)
        {
            (attested, denied) = FactFields.Answers(checks, facts.Attested, attested, denied, "facts.attested");
        }

        var uncertain = facts.UncertainFacts.Count == 0 ? NoUncertainty : [];
        foreach (var u in facts.UncertainFacts)
        {
            if (u == UncertainFact.Unspecified || !Enum.IsDefined(u))
            {
                checks.Add("facts.uncertain_facts", "Okänt värde.");
                break;
            }

            uncertain.Add(u);
        }

        checks.ThrowIfAny();

        return new PersonFacts(person, child,
            facts.HasGuardianConsent ? facts.GuardianConsent : null,
            facts.HasGuardianInformed ? facts.GuardianInformed : null,
            attested, denied, uncertain, uncertainCodes);

        int? AgeFrom(Type.V1.Date date, string field)
        {
            DateOnly birth;
            try
            {
                birth = date.ToDateOnly(field)!.Value;
            }
            catch (Problem)
            {
                checks.Add(field, "Datumet finns inte.");
                return null;
            }

            return AgeOn(birth, field);
        }

        int? AgeFromNumber(string number, string field)
        {
            if (!PersonalIdentityNumber.TryGetBirthDate(number, today, out var birth))
            {
                checks.Add(field, "Ogiltigt personnummer eller samordningsnummer.");
                return null;
            }

            return AgeOn(birth, field);
        }

        int? AgeOn(DateOnly birth, string field)
        {
            if (birth > asOf)
            {
                checks.Add(field, "Födelsedagen ligger efter dagen frågan gäller.");
                return null;
            }

            var age = Ages.CompletedYears(birth, asOf);
            if (age > Ages.Max)
            {
                checks.Add(field, $"Åldern blir över {Ages.Max} år.");
                return null;
            }

            return age;
        }

        int? Stated(int age, string field)
        {
            if (age is < 0 or > Ages.Max)
            {
                checks.Add(field, $"Åldern ska vara 0–{Ages.Max} år.");
                return null;
            }

            return age;
        }
    }
}
