using ActorStreams.Domain.Loans;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Loans;

[Trait("Category", "Unit")]
public sealed class LoanRiskTests
{
    private static readonly LoanSettings Settings = LoanSettings.Default;

    [Fact]
    public void Score_BestApplicant_IsZeroAndLow()
    {
        // lti = 1/60000 contributes 20·lti/5 ≈ 0.00007: rounded away, still the only (and so the first) reason.
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 850, debt: 0, amount: 1m, employmentYears: 1m), Settings);

        Assert.Equal(0, risk.Dti);
        Assert.Equal(0, risk.RiskScore);
        Assert.Equal("LOW", risk.RiskLevel);
        Assert.Equal(["lti"], risk.Reasons);
    }

    [Fact]
    public void Score_NoContributingTerm_HasNoReasons()
    {
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 850, debt: 0, amount: 1m, employmentYears: 1m), Settings with { LtiWeight = 0 });

        Assert.Empty(risk.Reasons);
    }

    [Fact]
    public void Score_WorstApplicant_IsHundredAndCritical()
    {
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 300, income: 10_000m, debt: 600m, amount: 60_000m, employmentYears: 0.5m), Settings);

        Assert.Equal(0.72, risk.Dti, 12);
        Assert.Equal(6, risk.Lti, 12);
        Assert.Equal(100, risk.RiskScore);
        Assert.Equal("CRITICAL", risk.RiskLevel);
        Assert.Equal(["credit_score", "dti"], risk.Reasons);
    }

    [Fact]
    public void Score_FollowsTheFormulaTermByTerm()
    {
        // credit 40·(1 − 400/550) = 10.909…, dti = 1000·12/80000 = 0.15 → 30·0.25 = 7.5, lti = 20000/80000 = 0.25 → 20·0.05 = 1,
        // employment 0.5 < 1 → 10: 29.409… → 29.4.
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 700, income: 80_000m, debt: 1000m, amount: 20_000m, employmentYears: 0.5m), Settings);

        Assert.Equal(0.15, risk.Dti, 12);
        Assert.Equal(0.25, risk.Lti, 12);
        Assert.Equal(29.4, risk.RiskScore);
        Assert.Equal("MEDIUM", risk.RiskLevel);
        Assert.Equal(["credit_score", "employment_years"], risk.Reasons);
    }

    [Theory]
    [InlineData(0.6, 30)]   // at the cap: all of the weight
    [InlineData(0.9, 30)]   // beyond it: capped
    [InlineData(0.3, 15)]
    public void Score_DtiTerm_IsCappedAtItsWeight(double dti, double expectedTerm)
    {
        var income = 120_000m;
        var debt = (decimal)dti * income / 12;
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 850, income: income, debt: debt, amount: 0.01m, employmentYears: 2m), Settings);

        Assert.Equal(expectedTerm, risk.RiskScore, 1);
        Assert.Equal(["dti", "lti"], risk.Reasons);
    }

    [Fact]
    public void Score_EmploymentOfExactlyTheMinimum_AddsNothing()
    {
        var atMinimum = LoanRisk.Score(Loan("a", T0, creditScore: 850, debt: 0, amount: 0.01m, employmentYears: 1m), Settings);
        var below = LoanRisk.Score(Loan("a", T0, creditScore: 850, debt: 0, amount: 0.01m, employmentYears: 0.99m), Settings);

        Assert.Equal(0, atMinimum.RiskScore);
        Assert.Equal(10, below.RiskScore);
        Assert.Equal(["employment_years", "lti"], below.Reasons);
    }

    [Theory]
    [InlineData(24.9, "LOW")]
    [InlineData(25.0, "MEDIUM")]
    [InlineData(49.9, "MEDIUM")]
    [InlineData(50.0, "HIGH")]
    [InlineData(74.9, "HIGH")]
    [InlineData(75.0, "CRITICAL")]
    [InlineData(100.0, "CRITICAL")]
    [InlineData(0.0, "LOW")]
    public void LevelOf_Boundaries(double score, string level) => Assert.Equal(level, LoanRisk.LevelOf(score, Settings));

    [Theory]
    [InlineData(0.15, 0.1)]     // stored as 0.1499999…: down, as Python's round
    [InlineData(0.25, 0.2)]     // an exact tie: to even
    [InlineData(0.35, 0.3)]     // stored as 0.34999…
    [InlineData(0.45, 0.5)]     // stored as 0.450000…01
    [InlineData(0.75, 0.8)]     // exact tie: to even (8)
    [InlineData(12.25, 12.2)]
    [InlineData(12.35, 12.3)]   // stored as 12.3499…
    [InlineData(99.96, 100.0)]
    [InlineData(7.0, 7.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(29.40909090909091, 29.4)]
    public void RoundHalfEvenTenths_DecidesOnTheExactBinaryValue(double value, double expected) =>
        Assert.Equal(expected, LoanRisk.RoundHalfEvenTenths(value));

    [Fact]
    public void Reasons_EqualContributions_KeepTheFormulaOrder()
    {
        // credit: 40·(1 − 300/550)= 18.18…; dti 30·min(x,1) equal to it needs dti = 0.3636…; simpler: zero credit, dti and lti both full.
        var risk = LoanRisk.Score(Loan("a", T0, creditScore: 850, income: 10_000m, debt: 600m, amount: 60_000m, employmentYears: 3m),
            Settings with { DtiWeight = 20 });

        Assert.Equal(40, risk.RiskScore);
        Assert.Equal(["dti", "lti"], risk.Reasons);
    }
}
