//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue 19 items 2–5: what staff and admins look at, rendered by the bundle the real
// server serves, in Chromium (webapp/e2e/console-check.mjs), with screenshots saved
// under webapp/e2e/screenshots/.

// browserCheck runs a webapp/e2e script against the server in headless Chromium, as
// user, with env; skipped when there is no Chromium (or E2E_BROWSER=0).
func browserCheck(t *testing.T, script, user, password string, env ...string) {
	t.Helper()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if os.Getenv("E2E_BROWSER") == "0" {
		t.Skip("E2E_BROWSER=0")
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium)", chromium)
	}
	if err := os.MkdirAll(filepath.Join("..", "webapp", "e2e", "screenshots"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "node", script)
	cmd.Dir = filepath.Join("..", "webapp")
	cmd.Env = append(os.Environ(), "MM_URL="+h.URL, "MM_USER="+user, "MM_PASSWORD="+password,
		"CHROMIUM="+chromium, "SCREENSHOT_DIR="+filepath.Join("e2e", "screenshots"))
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s:\n%s", script, out)
	if err != nil {
		t.Fatalf("%s failed: %v", script, err)
	}
}

func TestPanelAndConsoleInChromium(t *testing.T) {
	ensureShop(t)
	// A customer with a tier and an order, who told a size and then asked for a person.
	cust := newCustomer(t)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust, Tier: "vip"}},
		Orders: []shop.Order{{ID: uniqueOrderID("PANEL"), User: cust, Status: shop.StatusPaid, PaidAt: new(time.Now().Add(-72 * time.Hour)),
			Items: []shop.Item{{SKUID: "s-run-1-39-white", Qty: 1, UnitPrice: 59900}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)
	ask(t, cust, ch, "我平时穿38码的鞋，疾风缓震跑鞋买多大？", "")
	help := postAs(t, cust, ch, "我要找人工客服，订单一直没发货", "")
	waitState(t, help.Id, "waiting_human")

	// An FAQ proposal waiting for review, and the rating its customer gave.
	const question = "发票抬头可以开成公司吗？"
	proposal, said, asker := proposeFAQ(t, question, "可以，下单时在发票信息里填写公司名称和税号。")
	dm := dmWithBot(t, asker)
	csat := waitForBotPost(t, dm, postTime(said), replyTimeout, "rating card", func(p *model.Post) bool {
		return p.GetProp("concierge_csat") != nil
	})
	if err := clickButton(t, asker, csat.Id, "csat5"); err != nil {
		t.Fatalf("rating: %v", err)
	}

	// A catalog the server refuses: a negative price and an empty FAQ question.
	var bad map[string]any
	if err := json.Unmarshal(demo(t).catalogJSON, &bad); err != nil {
		t.Fatal(err)
	}
	bad["products"].([]any)[1].(map[string]any)["skus"].([]any)[0].(map[string]any)["price"] = -1
	bad["faqs"].([]any)[0].(map[string]any)["question"] = ""
	badFile := filepath.Join(t.TempDir(), "catalog-with-errors.json")
	data, _ := json.Marshal(bad)
	if err := os.WriteFile(badFile, data, 0o600); err != nil {
		t.Fatal(err)
	}

	browserCheck(t, "e2e/console-check.mjs", "admin", "Admin-pass-1",
		"OPEN_CUSTOMER="+cust, "OPEN_TIER=vip", "OPEN_CONVERSATION="+help.Id, "FAQ_QUESTION="+question, "PRODUCTS="+strconv.Itoa(len(demo(t).catalog.Products)),
		"BAD_FILE="+badFile, "BAD_PATHS=products[1].skus[0].price,faqs[0].question")

	// The approval pressed in the browser settled the proposal on the server; the refused
	// file changed nothing.
	id, _ := proposal.GetProp("concierge_faq_proposal").(string)
	if pending(t, id) {
		t.Error("the proposal approved in the panel still waits for review")
	}
	if card := getPost(t, proposal.Id); len(buttons(card)) != 0 || !strings.Contains(card.Message, "@admin") {
		t.Errorf("the proposal card after the panel's approval: %q, buttons %v", card.Message, buttons(card))
	}
	var st struct {
		Catalog struct {
			Counts map[string]int `json:"counts"`
		} `json:"catalog"`
	}
	pluginGetJSON(t, "admin", "/kb/status", &st)
	if st.Catalog.Counts["products"] != len(demo(t).catalog.Products) {
		t.Errorf("after the refused file: %v", st.Catalog.Counts)
	}
}
