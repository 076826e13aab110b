package web

// englishPhone translates the texts of the phone menu (layout.html) and of
// the download buttons of the lists (partials).
var englishPhone = map[string]string{
	"Menu": "Menu",
}
