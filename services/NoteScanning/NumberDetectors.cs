using Socialtjanst.NoteScanning.Detectors;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The number detectors in their order, the order in which their candidates are weighed: an identity number before a
/// phone number (both may read the same digits), a postnummer and its ort last. A new detector anchored on a digit goes
/// in this list, not in <see cref="AnchoredDetectors"/> (which may not be anchored on digits, so it cannot run ahead).
/// </summary>
public static class NumberDetectors
{
    public static readonly NumberDetector[] Ordered = [new IdentityNumberDetector(), new PhoneDetector(), new PostalCodeDetector()];
}
