package domain

import "math"

// Figures people read are rounded where they are answered; what decides (a team's rank) uses
// the exact value.
const (
	ScoreDecimals = 1 // a team's points per member: 58.8
	ShareDecimals = 3 // a share of 0 to 1: 0.667, a tenth of a percent
)

// ShownScore is a team's points per active member as the board shows it.
func ShownScore(score float64) float64 { return rounded(score, ScoreDecimals) }

// ShareOf is part of whole as a share from 0 to 1, rounded to ShareDecimals: 0 of an empty
// whole, and never more than 1.
func ShareOf(part, whole int) float64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	return rounded(float64(min(part, whole))/float64(whole), ShareDecimals)
}

// rounded rounds x to decimals places, halves away from zero.
func rounded(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(x*p) / p
}
