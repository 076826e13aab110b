package chart

// ClassColours returns the fill of each class of breaks (Choropleth.Breaks),
// for maps drawn outside SVG (the rakor report's PDF) with the same
// classes and palette as the pages.
func ClassColours(breaks []float64) []string { return colours(len(breaks)) }

// ClassOf returns the index of the class of v among breaks.
func ClassOf(breaks []float64, v float64) int { return class(breaks, v) }
