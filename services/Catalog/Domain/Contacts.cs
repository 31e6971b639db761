using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// Where a resident turns (unit, address, phone, opening hours, link), read from a catalog file and checked on every
/// write. Only what the kommun wrote: a part left out stays empty, and the note says what the guideline does not give.
/// </summary>
public static class Contacts
{
    private static readonly string[] Keys = ["unit", "address", "phone", "opening_hours", "link", "note"];

    /// <summary>The contact under <paramref name="key"/>, or null when the file has none.</summary>
    public static Contact? Read(YamlMap parent, string key, bool required = false)
    {
        if (parent.Map(key, required) is not { } m)
        {
            return null;
        }

        m.Allow(Keys);
        return new Contact
        {
            Unit = m.Str("unit", required: true) ?? "",
            Address = m.Str("address") ?? "",
            Phone = m.Str("phone") ?? "",
            OpeningHours = m.Str("opening_hours") ?? "",
            Link = m.Str("link") ?? "",
            Note = m.Str("note") ?? "",
        };
    }

    /// <summary>Each problem of a contact as (field path under <paramref name="prefix"/>, message).</summary>
    public static IEnumerable<(string Field, string Message)> Problems(Contact? contact, string prefix)
    {
        if (contact is null)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(contact.Unit))
        {
            yield return (prefix + "unit", "Enheten krävs: vart den enskilde vänder sig.");
        }

        foreach (var (value, field, max) in new[]
                 {
                     (contact.Unit, "unit", 200), (contact.Address, "address", 300), (contact.Phone, "phone", 40),
                     (contact.OpeningHours, "opening_hours", 300), (contact.Link, "link", 500), (contact.Note, "note", 500),
                 })
        {
            if (value.Length > max)
            {
                yield return (prefix + field, $"Högst {max} tecken.");
            }
        }

        if (contact.Phone.Length > 0 && !contact.Phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')'))
        {
            yield return (prefix + "phone", "Telefonnumret får bara innehålla siffror, mellanslag, +, - och parenteser.");
        }

        if (contact.Link.Length > 0 && !(Uri.TryCreate(contact.Link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            yield return (prefix + "link", "Länken ska vara en fullständig https-adress.");
        }
    }
}
