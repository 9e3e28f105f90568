package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/shop"
)

func (h *Handler) kb(args *model.CommandArgs, lang i18n.Lang, rest []string) string {
	sub := ""
	if len(rest) > 0 {
		sub = strings.ToLower(rest[0])
	}
	switch sub {
	case "status":
		// Order and customer counts are the shop's business, not a customer's.
		if !h.d.Staff.IsStaff(args.UserId) {
			return i18n.T(lang, "cmd.staff_only")
		}
		return h.kbStatus(lang)
	case "search":
		if !h.d.Staff.IsStaff(args.UserId) {
			return i18n.T(lang, "cmd.staff_only")
		}
		return h.kbSearch(lang, strings.Join(rest[1:], " "))
	case "import":
		return h.kbImport(args, lang, rest[1:])
	}
	return i18n.T(lang, "cmd.kb.usage")
}

func (h *Handler) kbStatus(lang i18n.Lang) string {
	st, err := h.d.Shop.Status()
	if err != nil {
		return i18n.T(lang, "cmd.failed")
	}
	ix := h.d.Index.Status()
	line := func(p *shop.Pointer) string {
		if p == nil {
			return i18n.T(lang, "cmd.kb.never")
		}
		return countsText(lang, p.Counts) + " — " + p.ImportedAt.Format(time.RFC3339)
	}
	ready := i18n.T(lang, "cmd.kb.index.building")
	if ix.Ready {
		ready = i18n.T(lang, "cmd.kb.index.ready")
	}
	return i18n.T(lang, "cmd.kb.status", line(st.Catalog), line(st.Orders), ready, ix.Docs)
}

func (h *Handler) kbSearch(lang i18n.Lang, q string) string {
	if strings.TrimSpace(q) == "" {
		return i18n.T(lang, "cmd.kb.search.usage")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hits, err := h.d.Index.Search(ctx, q, knowledge.SearchOptions{Limit: 5})
	if errors.Is(err, knowledge.ErrNotReady) {
		return i18n.T(lang, "cmd.kb.index.building")
	}
	if err != nil {
		h.d.API.LogError("command: kb search", "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	if len(hits) == 0 {
		return i18n.T(lang, "cmd.kb.search.none", q)
	}
	var b strings.Builder
	b.WriteString(i18n.T(lang, "cmd.kb.search.head", q))
	for i, hit := range hits {
		fmt.Fprintf(&b, "\n%d. `%s` **%s** (%s, %.2f)", i+1, hit.ID, hit.Title, hit.Kind, hit.Score)
	}
	return b.String()
}

// importWindow is how far back a JSON file attached by the admin is looked for.
const importWindow = 15 * time.Minute

// kbImport imports the JSON file the admin attached most recently in this channel.
// Slash commands carry no files, so the admin posts the file first. The import runs
// in the background; progress and the result arrive as ephemeral messages.
func (h *Handler) kbImport(args *model.CommandArgs, lang i18n.Lang, rest []string) string {
	user, appErr := h.d.API.GetUser(args.UserId)
	if appErr != nil || !user.IsSystemAdmin() {
		return i18n.T(lang, "cmd.admin_only")
	}
	if len(rest) != 1 || (rest[0] != "catalog" && rest[0] != "orders") {
		return i18n.T(lang, "cmd.kb.import.usage")
	}
	kind := rest[0]
	info := h.latestJSONFile(args.ChannelId, args.UserId)
	if info == nil {
		return i18n.T(lang, "cmd.kb.import.nofile")
	}
	recovery.Go(h.d.API, "kb import", func() { h.runImport(args, lang, kind, info) })
	return i18n.T(lang, "cmd.kb.import.started", info.Name, float64(info.Size)/(1<<20))
}

func (h *Handler) latestJSONFile(channelID, userID string) *model.FileInfo {
	list, appErr := h.d.API.GetPostsForChannel(channelID, 0, 60)
	if appErr != nil {
		return nil
	}
	since := model.GetMillisForTime(time.Now().Add(-importWindow))
	for _, id := range list.Order {
		p := list.Posts[id]
		if p.UserId != userID || p.CreateAt < since {
			continue
		}
		for i := len(p.FileIds) - 1; i >= 0; i-- {
			fi, appErr := h.d.API.GetFileInfo(p.FileIds[i])
			if appErr == nil && strings.EqualFold(fi.Extension, "json") {
				return fi
			}
		}
	}
	return nil
}

func (h *Handler) runImport(args *model.CommandArgs, lang i18n.Lang, kind string, info *model.FileInfo) {
	say := func(text string) {
		h.d.API.SendEphemeralPost(args.UserId, &model.Post{ChannelId: args.ChannelId, RootId: args.RootId, Message: text})
	}
	data, appErr := h.d.API.GetFile(info.Id)
	if appErr != nil {
		say(i18n.T(lang, "cmd.kb.import.readfail", info.Name))
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	body := &countingReader{r: bytes.NewReader(data)}
	stop := h.reportProgress(say, lang, body, int64(len(data)))
	defer stop()
	var summary string
	var err error
	if kind == "catalog" {
		var c *shop.CatalogCounts
		if c, err = h.d.Shop.ImportCatalog(ctx, body); err == nil {
			summary = countsText(lang, map[string]int{"products": c.Products, "skus": c.SKUs, "faqs": c.FAQs, "policies": c.Policies, "promotions": c.Promotions})
		}
	} else {
		var c *shop.OrdersCounts
		if c, err = h.d.Shop.ImportOrders(ctx, body); err == nil {
			summary = countsText(lang, map[string]int{"customers": c.Customers, "orders": c.Orders})
		}
	}
	stop()
	var ve *shop.ValidationError
	switch {
	case errors.As(err, &ve):
		var b strings.Builder
		b.WriteString(i18n.T(lang, "cmd.kb.import.invalid", info.Name, ve.Problems()))
		for i, d := range ve.Details {
			if i == 20 {
				fmt.Fprintf(&b, "\n…")
				break
			}
			if d.Path == "" { // the whole document, or the "... and N more" line
				fmt.Fprintf(&b, "\n- %s", d.Localized(lang))
			} else {
				fmt.Fprintf(&b, "\n- `%s`: %s", d.Path, d.Localized(lang))
			}
		}
		say(b.String())
	case err != nil:
		h.d.API.LogError("command: kb import", "err", err.Error())
		say(i18n.T(lang, "cmd.kb.import.failed", info.Name))
	default:
		if h.d.AfterImport != nil {
			h.d.AfterImport(kind)
		}
		say(i18n.T(lang, "cmd.kb.import.done", info.Name, summary, time.Since(start).Round(time.Millisecond).String()))
	}
}

// countNames are the kinds of shop data in the order they are listed; they are the
// keys of shop.Pointer.Counts.
var countNames = []string{"products", "skus", "faqs", "policies", "promotions", "customers", "orders"}

// countsText renders the counts of an import ("products 3, skus 5") in lang,
// leaving out the kinds counts does not have.
func countsText(lang i18n.Lang, counts map[string]int) string {
	var parts []string
	for _, k := range countNames {
		if n, ok := counts[k]; ok {
			parts = append(parts, i18n.T(lang, "cmd.kb.count."+k, n))
		}
	}
	return strings.Join(parts, i18n.T(lang, "cmd.kb.count.sep"))
}

// progressEvery is how often a long import reports how far it has read.
const progressEvery = 5 * time.Second

// reportProgress tells the admin every few seconds how much of a big file has been
// read and checked; the returned func stops it (safe to call twice).
func (h *Handler) reportProgress(say func(string), lang i18n.Lang, body *countingReader, total int64) func() {
	done := make(chan struct{})
	var once sync.Once
	recovery.Go(h.d.API, "kb import progress", func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				n := body.n.Load()
				say(i18n.T(lang, "cmd.kb.import.progress", n*100/max(total, 1), float64(n)/(1<<20), float64(total)/(1<<20)))
			}
		}
	})
	return func() { once.Do(func() { close(done) }) }
}

// countingReader counts the bytes the decoder has consumed.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
