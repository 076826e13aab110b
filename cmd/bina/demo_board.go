package main

import (
	"context"

	"bina"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// demoBoardName is the demo's board account, bound to the first savings
// and loan cooperative by name, made through an invitation as a real one is.
const demoBoardName = "pengurus"

// demoBoard makes the demo's board account unless it exists.
func demoBoard(ctx context.Context, store *sqlstore.Store) error {
	if _, err := store.FindUserByName(ctx, demoBoardName); err == nil {
		return nil
	}
	page, err := store.ListCooperatives(ctx, bina.CooperativeFilter{Jenis: "simpan_pinjam", Limit: 1})
	if err != nil || len(page.Items) == 0 {
		return err
	}
	inv := supervision.Invitation{Subject: bina.Subject{Kind: bina.SubjectCooperative, ID: page.Items[0].ID}, Name: "Pengurus (contoh)"}
	secret, err := store.CreateInvitation(ctx, &inv)
	if err != nil {
		return err
	}
	_, err = store.AcceptInvitation(ctx, secret, demoBoardName, demoPassword)
	return err
}
