// Command evalcheck validates a shop's data and question sets without running
// the bot, for the people who write them blind (they read the shop's data and
// SPEC, never the code): the catalogue and orders go through the plugin's own
// import decoders (every problem with its JSON path), and each set through the
// format check the eval uses, with every customer it names checked against the
// orders file.
//
//	go run ./e2e/eval/cmd/evalcheck <shop dir> [question set.json ...]
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/concierge-shop/concierge/e2e/eval"
	"github.com/concierge-shop/concierge/server/shop"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: evalcheck <shop dir> [set.json ...]")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "evalcheck:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func run(dir string, sets []string) error {
	catData, err := os.ReadFile(filepath.Join(dir, "catalog.json"))
	if err != nil {
		return err
	}
	cat, err := shop.DecodeCatalog(bytes.NewReader(catData))
	if err != nil {
		return err
	}
	snap := shop.NewSnapshot(cat, nil)
	ordData, err := os.ReadFile(filepath.Join(dir, "orders.json"))
	if err != nil {
		return err
	}
	if _, err := shop.DecodeOrders(bytes.NewReader(ordData), snap); err != nil {
		return err
	}
	doc, err := eval.DecodeDoc(ordData)
	if err != nil {
		return err
	}
	customers := append(eval.Customers(doc), "guest")
	for _, path := range sets {
		set, warnings, err := eval.LoadSet(path)
		for _, w := range warnings {
			fmt.Println("warning:", w)
		}
		if err != nil {
			return err
		}
		for _, q := range set.Questions {
			if !slices.Contains(customers, q.Customer) {
				return fmt.Errorf("%s: %s: customer %q is not in the orders file", path, q.ID, q.Customer)
			}
		}
		fmt.Printf("%s: %d questions\n", path, len(set.Questions))
	}
	return nil
}
