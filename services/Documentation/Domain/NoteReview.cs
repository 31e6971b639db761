using System.Text;
using Socialtjanst.NoteScanning;

namespace Socialtjanst.Documentation.Domain;

/// <summary>
/// The review of a record before it is saved (14 kap. 5 § SoL): every identifier the scanner finds,
/// each a violation where the insats' policy forbids identity, and a redacted copy in which each
/// violating identifier is replaced whole (an address with its apartment and floor, a name with its
/// initials), so nothing of it is left behind.
/// </summary>
public static class NoteReview
{
    public const string Redaction = "[borttaget]";

    /// <summary>Characters the protobuf runtime puts where the bytes sent were not valid UTF-8.</summary>
    public static bool IsMalformed(string text) => text.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>
    /// Reviews the note's text, or a structured field's value when <paramref name="fieldName"/> is given: the field's name
    /// is read as the word before its value ("kontonummer", "fodelsedatum"), as a note would write it.
    /// </summary>
    public static ReviewedText Review(string field, string text, DateOnly today, bool identityForbidden, string? fieldName = null)
    {
        var detections = fieldName is null ? IdentifierScanner.Scan(text, today) : IdentifierScanner.ScanField(fieldName, text, today);
        if (detections.Count == 0)
        {
            return new ReviewedText(field, [], text);
        }

        detections.Sort((a, b) => a.Start.CompareTo(b.Start));
        var findings = new List<ReviewFinding>(detections.Count);
        var redacted = new StringBuilder(text.Length);
        var at = 0;
        foreach (var d in detections)
        {
            findings.Add(new ReviewFinding(field, d, identityForbidden));
            if (identityForbidden && d.End > at)
            {
                redacted.Append(text, at, Math.Max(0, d.Start - at)).Append(Redaction);
                at = d.End;
            }
        }

        return new ReviewedText(field, findings, redacted.Append(text, at, text.Length - at).ToString());
    }
}
