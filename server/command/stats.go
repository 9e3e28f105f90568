package command

import (
	"context"
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
)

// stats shows the outcome numbers of GET /stats (formulas in the README). They
// are the shop's, so staff only.
func (h *Handler) stats(args *model.CommandArgs, lang i18n.Lang) string {
	if !h.d.Staff.IsStaff(args.UserId) {
		return i18n.T(lang, "cmd.staff_only")
	}
	st, err := h.d.Conversations.Store.Stats(context.Background(), time.Now())
	if err != nil {
		h.d.API.LogError("command: stats", "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	return statsText(lang, st)
}

func statsText(lang i18n.Lang, st conversation.Stats) string {
	return i18n.T(lang, "cmd.stats", st.Conversations, st.ResolvedByBot, st.HandedOff, fmt.Sprintf("%.0f%%", st.HandoffRate*100),
		st.TimeToHumanText(), st.TakenByHuman, st.CSATText(), st.CSATCount, st.ToolErrors, st.Fallbacks)
}
