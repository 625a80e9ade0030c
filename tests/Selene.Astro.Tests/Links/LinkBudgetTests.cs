using Selene.Astro.Links;

namespace Selene.Astro.Tests.Links;

/// <summary>
/// Link-budget arithmetic against a published worked budget: NOAA's EMWIN-N link budget for the GOES-N/O/P broadcast
/// (National Weather Service, nws.noaa.gov/emwin/emwin-n-link-budget.htm), every line of which follows from the
/// ones above it.
/// </summary>
public class LinkBudgetTests
{
    private const double EmwinPathKm = 41_127;

    [Fact]
    public void Free_space_path_loss_matches_the_worked_budget_at_both_frequencies()
    {
        Assert.Equal(190.9, LinkBudget.FreeSpacePathLossDb(EmwinPathKm, 2034.70e6), 0.1);
        Assert.Equal(189.3, LinkBudget.FreeSpacePathLossDb(EmwinPathKm, 1692.70e6), 0.1);
    }

    [Fact]
    public void Carrier_to_noise_density_and_eb_n0_match_the_worked_budget()
    {
        // Uplink: EIRP 76.7 dBm = 46.7 dBW, pointing 0.5 dB, atmosphere 0.4 dB, polarisation 0.2 dB, G/T −14.2 dB/K → 69.1 dB-Hz.
        var uplink = LinkBudget.CarrierToNoiseDensityDbHz(46.7, LinkBudget.FreeSpacePathLossDb(EmwinPathKm, 2034.70e6), 0.5 + 0.4 + 0.2, -14.2);
        Assert.Equal(69.1, uplink, 0.1);

        // Downlink: EIRP 44.8 dBm = 14.8 dBW, atmosphere 0.4 dB, polarisation 0.2 dB, G/T −0.3 dB/K → 53.2 dB-Hz.
        var downlink = LinkBudget.CarrierToNoiseDensityDbHz(14.8, LinkBudget.FreeSpacePathLossDb(EmwinPathKm, 1692.70e6), 0.4 + 0.2, -0.3);
        Assert.Equal(53.2, downlink, 0.1);

        // The bent pipe's composite C/N0 (the noise densities add) is 53.1 dB-Hz; at 9,600 bit/s Eb/N0 is 13.3 dB, and
        // 7.7 dB above the 5.6 dB required.
        var composite = -10 * Math.Log10(Math.Pow(10, -uplink / 10) + Math.Pow(10, -downlink / 10));
        Assert.Equal(53.1, composite, 0.1);
        var ebN0 = LinkBudget.EbN0Db(composite, 9600);
        Assert.Equal(13.3, ebN0, 0.1);
        Assert.Equal(7.7, ebN0 - 5.6, 0.1);
        Assert.Equal(-228.6, LinkBudget.BoltzmannDb, 0.01);
    }

    [Fact]
    public void The_rate_is_where_eb_n0_meets_the_requirement_plus_margin_stepped_to_the_modem()
    {
        var band = new RadioBand("x", 8.45e9, 2.5, 3);
        var tx = new RadioTerminal(band, 10, 30, 0, 0.55, 500, 1, [1e6, 2e6, 5e6]);
        var rx = new RadioTerminal(band, 1, 60, 0, 0.55, 100, 1);
        var cn0 = LinkBudget.CarrierToNoiseDensityDbHz(tx, rx, 384_400);
        var unstepped = new RadioTerminal(band, 10, 30, 0, 0.55, 500, 1);
        var rate = LinkBudget.SupportedRateBitsPerSecond(unstepped, rx, 384_400);
        Assert.Equal(2.5 + 3, LinkBudget.EbN0Db(cn0, rate), 9);
        Assert.Equal(new[] { 1e6, 2e6, 5e6 }.Last(r => r <= rate), LinkBudget.SupportedRateBitsPerSecond(tx, rx, 384_400));
        // The receiving modem's table counts too: only rates both ends have.
        var narrowReceiver = new RadioTerminal(band, 1, 60, 0, 0.55, 100, 1, [0.5e6, 2e6]);
        Assert.Equal(2e6, LinkBudget.SupportedRateBitsPerSecond(tx, narrowReceiver, 384_400));
        Assert.Equal(new[] { 0.5e6, 2e6 }.Last(r => r <= rate), LinkBudget.SupportedRateBitsPerSecond(unstepped, narrowReceiver, 384_400));

        // Twice as far: 6 dB less, a quarter of the rate.
        Assert.Equal(rate / 4, LinkBudget.SupportedRateBitsPerSecond(unstepped, rx, 2 * 384_400), rate * 1e-9);
    }

    [Fact]
    public void A_dish_gain_follows_its_aperture_and_wavelength()
    {
        // η(πD/λ)²: at 8.42 GHz λ = 3.5605 cm, so a 34 m dish is 3,000 wavelengths round: 10 log₁₀(0.6 × 3000²) = 67.3 dBi.
        Assert.Equal(67.3, LinkBudget.DishGainDbi(34, 0.6, 8.42e9), 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RadioTerminal(RadioBand.X, 10, null, -1, 0.55, 500, 1));
    }

    [Fact]
    public void The_lunar_ka_band_link_closes_at_the_rate_lunar_missions_fly()
    {
        // LRO returns science at 100 Mbit/s on Ka band from lunar distance (Currier et al., AIAA 2006-5819; NASA Glenn
        // lesson 1862), Queqiao-2 about 100 Mbit/s (lunar-comms-anchors.md §2(b)). The default lunar Ka radio to a 34 m
        // station at the mean Earth–Moon distance closes there with margin to spare.
        var space = RadioDefaults.Space(RadioBand.Ka);
        var ground = RadioDefaults.Station(RadioBand.Ka);
        var rate = LinkBudget.SupportedRateBitsPerSecond(space, ground, 384_400);
        Assert.Equal(100e6, rate);
        var ebN0 = LinkBudget.EbN0Db(LinkBudget.CarrierToNoiseDensityDbHz(space, ground, 384_400), 100e6);
        Assert.InRange(ebN0 - RadioBand.Ka.RequiredEbN0Db - RadioBand.Ka.MarginDb, 0, 30);
        // The way up is stepped to the lunar modem's rates as well.
        Assert.Equal(100e6, LinkBudget.SupportedRateBitsPerSecond(ground, space, 384_400));
    }
}
