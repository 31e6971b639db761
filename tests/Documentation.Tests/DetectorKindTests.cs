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
}
