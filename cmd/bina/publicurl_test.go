package main

import "testing"

func TestCheckPublicURL(t *testing.T) {
	for in, ok := range map[string]bool{
		"":                               true,
		"https://bina.kuburayakab.go.id": true,
		"http://127.0.0.1:8080/bina":     true,
		"bina.kuburayakab.go.id":         false,
		"ftp://bina.kuburayakab.go.id":   false,
		"https://bina.example/?x=1":      false,
		"https:///no-host":               false,
	} {
		if err := checkPublicURL(in); (err == nil) != ok {
			t.Errorf("checkPublicURL(%q) = %v", in, err)
		}
	}
}
