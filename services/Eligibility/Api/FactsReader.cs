using System.Text.RegularExpressions;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.IdentityNumbers;

namespace Socialtjanst.Eligibility.Api;

/// <summary>
/// Turns the request's facts into <see cref="PersonFacts"/>, or INVALID_ARGUMENT naming every
/// offending field. A personnummer is read for its birth date and dropped here; no message ever
/// repeats a value.
/// </summary>
public static partial class FactsReader
{
    public const int MaxCodes = 50;

    private static readonly HashSet<string> NoCodes = [];
    private static readonly HashSet<UncertainFact> NoUncertainty = [];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex CodePattern();

    public static PersonFacts Read(Facts? facts, DateOnly asOf, DateOnly today)
    {
        facts ??= new Facts();
        List<FieldProblem>? problems = null;
        var person = Subject(facts.AgeCase switch
        {
            Facts.AgeOneofCase.BirthDate => AgeFrom(facts.BirthDate, "facts.birth_date"),
            Facts.AgeOneofCase.PersonalIdentityNumber => AgeFromNumber(facts.PersonalIdentityNumber, "facts.personal_identity_number"),
            Facts.AgeOneofCase.StatedAge => Stated(facts.StatedAge, "facts.stated_age"),
            _ => null,
        }, facts.HasRegisteredMunicipalityCode ? facts.RegisteredMunicipalityCode : null, facts.HasSchoolMunicipalityCode ? facts.SchoolMunicipalityCode : null, "facts.");

        var child = SubjectFacts.Unknown;
        if (facts.Child is { } c)
        {
            child = Subject(c.AgeCase switch
            {
                ChildFacts.AgeOneofCase.BirthDate => AgeFrom(c.BirthDate, "facts.child.birth_date"),
                ChildFacts.AgeOneofCase.PersonalIdentityNumber => AgeFromNumber(c.PersonalIdentityNumber, "facts.child.personal_identity_number"),
                ChildFacts.AgeOneofCase.StatedAge => Stated(c.StatedAge, "facts.child.stated_age"),
                _ => null,
            }, c.HasRegisteredMunicipalityCode ? c.RegisteredMunicipalityCode : null, c.HasSchoolMunicipalityCode ? c.SchoolMunicipalityCode : null, "facts.child.");
        }

        var attested = Codes(facts.AttestedFacts, "facts.attested_facts");
        var denied = Codes(facts.DeniedFacts, "facts.denied_facts");
        var uncertainCodes = Codes(facts.UncertainAttestedFacts, "facts.uncertain_attested_facts");
        if (denied.Count > 0 && attested.Overlaps(denied))
        {
            (problems ??= []).Add(new FieldProblem("facts.denied_facts", "Samma uppgift kan inte både gälla och inte gälla."));
        }

        var uncertain = facts.UncertainFacts.Count == 0 ? NoUncertainty : [];
        foreach (var u in facts.UncertainFacts)
        {
            if (u == UncertainFact.Unspecified || !Enum.IsDefined(u))
            {
                (problems ??= []).Add(new FieldProblem("facts.uncertain_facts", "Okänt värde."));
                break;
            }

            uncertain.Add(u);
        }

        if (problems is not null)
        {
            throw Problems.InvalidArgument(problems);
        }

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
                (problems ??= []).Add(new FieldProblem(field, "Datumet finns inte."));
                return null;
            }

            return AgeOn(birth, field);
        }

        int? AgeFromNumber(string number, string field)
        {
            if (!PersonalIdentityNumber.TryGetBirthDate(number, today, out var birth))
            {
                (problems ??= []).Add(new FieldProblem(field, "Ogiltigt personnummer eller samordningsnummer."));
                return null;
            }

            return AgeOn(birth, field);
        }

        int? AgeOn(DateOnly birth, string field)
        {
            if (birth > asOf)
            {
                (problems ??= []).Add(new FieldProblem(field, "Födelsedagen ligger efter dagen frågan gäller."));
                return null;
            }

            var age = Ages.CompletedYears(birth, asOf);
            if (age > Ages.Max)
            {
                (problems ??= []).Add(new FieldProblem(field, $"Åldern blir över {Ages.Max} år."));
                return null;
            }

            return age;
        }

        int? Stated(int age, string field)
        {
            if (age is < 0 or > Ages.Max)
            {
                (problems ??= []).Add(new FieldProblem(field, $"Åldern ska vara 0–{Ages.Max} år."));
                return null;
            }

            return age;
        }

        SubjectFacts Subject(int? age, string? registered, string? school, string prefix)
        {
            if (registered is not null && !MunicipalityCodes.IsValid(registered))
            {
                (problems ??= []).Add(new FieldProblem(prefix + "registered_municipality_code", "Kommunkoden ska vara fyra siffror."));
                registered = null;
            }

            if (school is not null && !MunicipalityCodes.IsValid(school))
            {
                (problems ??= []).Add(new FieldProblem(prefix + "school_municipality_code", "Kommunkoden ska vara fyra siffror."));
                school = null;
            }

            return new SubjectFacts(age, registered, school);
        }

        HashSet<string> Codes(Google.Protobuf.Collections.RepeatedField<string> codes, string field)
        {
            if (codes.Count == 0)
            {
                return NoCodes;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var code in codes)
            {
                if (set.Count >= MaxCodes || !CodePattern().IsMatch(code))
                {
                    (problems ??= []).Add(new FieldProblem(field, $"Högst {MaxCodes} koder: gemener, siffror och bindestreck."));
                    break;
                }

                set.Add(code);
            }

            return set;
        }
    }
}
