using Socialtjanst.NoteScanning;
using Socialtjanst.NoteScanning.Detectors;
using Contract = Socialtjanst.Documentation.V1.IdentifierKind;

namespace Socialtjanst.Documentation.Tests;

/// <summary>
/// A detector is a class in NoteScanning/Detectors and its kind's value in the contract: every kind the
/// scanner can report has that value, no two share a name, and the scan offers a plug-in its anchors.
/// </summary>
public sealed class DetectorKindTests
{
    [Fact]
    public void EveryKindTheScannerReports_HasItsValueInTheContract_AndItsOwnNames()
    {
        Assert.All(IdentifierKind.All, k => Assert.True(Enum.TryParse<Contract>(k.ContractName, out var value) && value != Contract.Unspecified, k.ContractName));
        Assert.Equal(IdentifierKind.All.Count, IdentifierKind.All.Select(k => k.ContractName).Distinct().Count());
        Assert.Equal(IdentifierKind.All.Count, IdentifierKind.All.Select(k => k.Detector).Distinct().Count());
    }

    [Fact]
    public void APlugInDetector_IsFound_AndTheScanOffersItItsAnchor_BeforeWordsAndNumbers()
    {
        var email = Assert.Single(AnchoredDetectors.All, d => d is EmailDetector);
        Assert.All(email.Anchors, c => Assert.True(AnchoredDetectors.IsAnchor(c)));

        const string Text = "Mejlade 2025-03-04 till kontakt.familj92@exempel.se om mötet.";
        var found = Assert.Single(IdentifierScanner.Scan(Text, new DateOnly(2025, 3, 5)));
        Assert.Same(IdentifierKind.Email, found.Kind);
        Assert.Equal("kontakt.familj92@exempel.se", Text.Substring(found.Start, found.Length));
        Assert.Equal("email", found.Detector);
    }

    [Fact]
    public void NoAnchoredDetector_IsAnchoredOnALetterOrADigit_SoNoneRunsAheadOfTheWordAndNumberReaders()
    {
        Assert.NotEmpty(AnchoredDetectors.All);
        Assert.All(AnchoredDetectors.All, d => Assert.All(d.Anchors, c => Assert.False(char.IsLetterOrDigit(c), $"{d.GetType().Name} is anchored on '{c}'")));
    }

    /// <summary>The digits have their detectors too, each a class, in one explicit order the context scoring weighs.</summary>
    [Fact]
    public void TheNumberDetectors_AreClassesInOneOrder_IdentityNumberBeforePhoneBeforePostnummer()
    {
        Assert.Equal([typeof(IdentityNumberDetector), typeof(PhoneDetector), typeof(PostalCodeDetector)], NumberDetectors.Ordered.Select(d => d.GetType()).ToArray());

        // Each reads the same digits its own way; the scoring chooses by the word before.
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal(IdentifierKind.Personnummer, NumberDetectors.Ordered[0].At("0702082884", 0, today)?.Kind);
        Assert.Equal(IdentifierKind.Phone, NumberDetectors.Ordered[1].At("0702082884", 0, today)?.Kind);
        Assert.Equal(IdentifierKind.Phone, Assert.Single(IdentifierScanner.Scan("Ring 0702082884.", today)).Kind);
        Assert.Equal(IdentifierKind.Personnummer, Assert.Single(IdentifierScanner.Scan("Pnr 0702082884.", today)).Kind);
        Assert.Equal(IdentifierKind.Address, NumberDetectors.Ordered[2].At("952 31 Kalix", 0, today)?.Kind);
    }
}
