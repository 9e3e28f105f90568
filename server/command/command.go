// Package command is the /concierge slash command.
package command

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/shop"
)

// API is what the command needs from Mattermost.
type API interface {
	GetUser(userID string) (*model.User, *model.AppError)
	GetPost(postID string) (*model.Post, *model.AppError)
	GetFileInfo(fileID string) (*model.FileInfo, *model.AppError)
	GetFile(fileID string) ([]byte, *model.AppError)
	GetPostsForChannel(channelID string, page, perPage int) (*model.PostList, *model.AppError)
	SendEphemeralPost(userID string, post *model.Post) *model.Post
	LogError(msg string, keyValuePairs ...any)
}

// Staff is what the command asks package people.
type Staff interface{ IsStaff(userID string) bool }

// Searcher and Index are the parts of the knowledge index the command uses.
type Index interface {
	Search(ctx context.Context, q string, opts knowledge.SearchOptions) ([]knowledge.Hit, error)
	Status() knowledge.Status
}

// Deps wires the command.
type Deps struct {
	API           API
	Staff         Staff
	Conversations *conversation.Service
	Shop          *shop.Repo
	Index         Index
	ConfigProblem func() string
	// StaffChannel is the configured staff channel and why it makes nobody staff
	// (StaffOK when it does), for /concierge status.
	StaffChannel func() (string, people.StaffProblem)
	AfterImport  func(kind string)
	Refunds      Refunds
	// Learn proposes an FAQ from a conversation staff resolved (nil = off).
	Learn interface {
		Propose(ctx context.Context, conv *conversation.Conversation) error
	}
}

type Handler struct{ d Deps }

func New(d Deps) *Handler { return &Handler{d: d} }

// Definition registers /concierge with autocomplete.
func Definition() *model.Command {
	ac := model.NewAutocompleteData("concierge", "[command]", i18n.Both("cmd.auto.concierge"))
	ac.AddCommand(model.NewAutocompleteData("help", "", i18n.Both("cmd.auto.help")))
	ac.AddCommand(model.NewAutocompleteData("status", "", i18n.Both("cmd.auto.status")))
	ac.AddCommand(model.NewAutocompleteData("stats", "", i18n.Both("cmd.auto.stats")))
	ac.AddCommand(model.NewAutocompleteData("takeover", "", i18n.Both("cmd.auto.takeover")))
	ac.AddCommand(model.NewAutocompleteData("handback", "", i18n.Both("cmd.auto.handback")))
	ac.AddCommand(model.NewAutocompleteData("resolve", "", i18n.Both("cmd.auto.resolve")))
	kb := model.NewAutocompleteData("kb", "[status|search|import]", i18n.Both("cmd.auto.kb"))
	kb.AddCommand(model.NewAutocompleteData("status", "", i18n.Both("cmd.auto.kb_status")))
	search := model.NewAutocompleteData("search", "<query>", i18n.Both("cmd.auto.kb_search"))
	search.AddTextArgument("query", "[query]", "")
	kb.AddCommand(search)
	imp := model.NewAutocompleteData("import", "[catalog|orders]", i18n.Both("cmd.auto.kb_import"))
	imp.AddStaticListArgument("kind", true, []model.AutocompleteListItem{{Item: "catalog"}, {Item: "orders"}})
	kb.AddCommand(imp)
	ac.AddCommand(kb)
	rf := model.NewAutocompleteData("refund", "[list|retry|done|failed|received] <card>", i18n.Both("cmd.auto.refund"))
	for _, s := range []string{"list", "retry", "done", "failed", "received"} {
		rf.AddCommand(model.NewAutocompleteData(s, "", ""))
	}
	ac.AddCommand(rf)
	return &model.Command{
		Trigger:          "concierge",
		AutoComplete:     true,
		AutoCompleteDesc: i18n.Both("cmd.auto.concierge"),
		AutoCompleteHint: "[help|status|stats|takeover|handback|resolve|kb|refund]",
		AutocompleteData: ac,
	}
}

// Execute runs a command; every answer is an ephemeral message to the caller, also
// when the command panicked (logged with its stack).
func (h *Handler) Execute(args *model.CommandArgs) (resp *model.CommandResponse) {
	lang := i18n.EN
	defer recovery.Guard(h.d.API, "command "+args.Command, func(any) {
		resp = &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: i18n.T(lang, "cmd.failed")}
	})
	if u, appErr := h.d.API.GetUser(args.UserId); appErr == nil {
		lang = i18n.FromLocale(u.Locale)
	}
	fields := strings.Fields(args.Command)
	if len(fields) > 0 {
		fields = fields[1:]
	}
	sub := ""
	if len(fields) > 0 {
		sub = strings.ToLower(fields[0])
	}
	var text string
	switch sub {
	case "", "help":
		text = i18n.T(lang, "cmd.help")
	case "status":
		text = h.status(args, lang)
	case "stats":
		text = h.stats(args, lang)
	case "takeover", "handback", "resolve":
		text = h.setState(args, lang, sub)
	case "kb":
		text = h.kb(args, lang, fields[1:])
	case "refund":
		text = h.refundCmd(context.Background(), args.UserId, lang, fields[1:])
	default:
		text = i18n.T(lang, "cmd.unknown", sub)
	}
	return &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text}
}

func (h *Handler) setState(args *model.CommandArgs, lang i18n.Lang, sub string) string {
	if !h.d.Staff.IsStaff(args.UserId) {
		return i18n.T(lang, "cmd.staff_only")
	}
	conv, err := h.d.Conversations.FindForPost(args.ChannelId, args.RootId)
	if err != nil {
		h.d.API.LogError("command: find conversation", "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	if conv == nil {
		return i18n.T(lang, "cmd.no_conversation")
	}
	to := map[string]conversation.State{"takeover": conversation.StateHuman, "handback": conversation.StateBot, "resolve": conversation.StateResolved}[sub]
	if err := h.d.Conversations.Move(conv, to); err != nil {
		h.d.API.LogError("command: set state", "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	if to == conversation.StateResolved && conv.State != conversation.StateResolved {
		if h.d.Learn != nil { // it proposes only when staff wrote to the customer
			if err := h.d.Learn.Propose(context.Background(), conv); err != nil {
				h.d.API.LogError("command: cannot propose an FAQ", "conversation_id", conv.ID, "err", err.Error())
			}
		}
	}
	return i18n.T(lang, "cmd.state."+sub, "@"+conv.Customer)
}

// status shows the conversation numbers /stats shows staff, so it is staff-only too.
func (h *Handler) status(args *model.CommandArgs, lang i18n.Lang) string {
	if !h.d.Staff.IsStaff(args.UserId) {
		return i18n.T(lang, "cmd.staff_only")
	}
	st, err := h.d.Conversations.Store.Stats(context.Background(), time.Now())
	if err != nil {
		return i18n.T(lang, "cmd.failed")
	}
	snap := h.d.Shop.Snapshot()
	text := i18n.T(lang, "cmd.status", st.Conversations, st.Open, st.WaitingHuman, st.Human, st.Resolved,
		fmt.Sprintf("%.0f%%", st.HandoffRate*100), len(snap.Catalog.Products), len(snap.Catalog.FAQs), len(snap.Orders.Orders))
	return text + h.problems(lang)
}

// problems lists what is wrong with the settings, for staff.
func (h *Handler) problems(lang i18n.Lang) string {
	var text string
	if h.d.StaffChannel != nil {
		switch ch, problem := h.d.StaffChannel(); problem {
		case people.StaffOK:
		case people.StaffUnset:
			text += "\n\n" + i18n.T(lang, "cmd.staff_problem.unset")
		default:
			text += "\n\n" + i18n.T(lang, "cmd.staff_problem."+string(problem), ch)
		}
	}
	if h.d.ConfigProblem != nil {
		if p := h.d.ConfigProblem(); p != "" {
			text += "\n\n" + i18n.T(lang, "cmd.config_problem", p)
		}
	}
	return text
}
