using System.Text.RegularExpressions;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Eligibility.Api;

/// <summary>The kommun codes and fact codes of a request's facts, each wrong one named.</summary>
public static partial class FactFields
{
    public const int MaxCodes = 50;

    private static readonly HashSet<string> NoCodes = [];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex CodePattern();

public static SubjectFacts Subject(FieldChecks checks, int? age, string? registered, string? school, string prefix)
    {
        if (registered is not null && !MunicipalityCodes.IsValid(registered))
        {
            checks.Add(prefix + "registered_municipality_code", "Kommunkoden ska vara fyra siffror.");
            registered = null;
        }

        if (school is not null && !MunicipalityCodes.IsValid(school))
        {
            checks.Add(prefix + "school_municipality_code", "Kommunkoden ska vara fyra siffror.");
            school = null;
        }

        return new SubjectFacts(age, registered, school);
    }

public static HashSet<string> Codes(FieldChecks checks, Google.Protobuf.Collections.RepeatedField<string> codes, string field)
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
                checks.Add(field, $"Högst {MaxCodes} koder: gemener, siffror och bindestreck.");
                break;
            }

            set.Add(code);
        }

        return set;
    }

    /// <summary>
    /// The facts answered yes or no on the fact itself (the map), joined with those given as lists; a
    /// code answered both ways is refused.
    /// </summary>
    public static (HashSet<string> Attested, HashSet<string> Denied) Answers(
        FieldChecks checks, Google.Protobuf.Collections.MapField<string, bool> answers, HashSet<string> attested, HashSet<string> denied, string field)
    {
        var yes = new HashSet<string>(attested, StringComparer.Ordinal);
        var no = new HashSet<string>(denied, StringComparer.Ordinal);
        if (answers.Count > MaxCodes || answers.Keys.Any(k => !CodePattern().IsMatch(k)))
        {
            checks.Add(field, $"Högst {MaxCodes} koder: gemener, siffror och bindestreck.");
            return (yes, no);
        }

        foreach (var (code, holds) in answers)
        {
            if (holds ? no.Contains(code) : yes.Contains(code))
            {
                checks.Add(field, "Samma uppgift kan inte både gälla och inte gälla.");
                break;
            }

            (holds ? yes : no).Add(code);
        }

        return (yes, no);
    }
}
