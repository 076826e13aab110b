package bina

// YesNo reads the value of a yes-or-no filter: "ya" or "tidak", or their
// English and JSON spellings "true" and "false", as the code the stores
// take ("ya", "tidak"); "" means any. ok is false for anything else. Pages
// and the API both read their filters through it, so that
// binaan=true and binaan=ya select the same records everywhere.
func YesNo(v string) (code string, ok bool) {
	switch v {
	case "":
		return "", true
	case "ya", "true":
		return "ya", true
	case "tidak", "false":
		return "tidak", true
	}
	return "", false
}
