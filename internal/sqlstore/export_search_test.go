package sqlstore

import "bina"

// SearchDocWords returns the words the store keeps of e for search, and
// the words it kept before the spelling keys and the main product.
func SearchDocWords(e *bina.Enterprise) (stored, before string) {
	return enterpriseSearchOf(e, facetInput{}).words, searchWords(e.Name, e.TradeName, e.Owner.Name)
}
