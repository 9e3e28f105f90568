package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/tool"
)

// A shop-wide question about a kind of product is answered by the shop's sentence
// about that kind, not by the product card the category word finds; a question the
// product's own description answers keeps the product.
func TestSubjectSentencesAnswerShopWideQuestions(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		msg, want, notWant string
	}{
		{"空调送货上门装吗", "空调含基础安装", "现价"},
		{"手机能分期吗", "分期", "现价"},
		// a FAQ sentence naming the product shares a character or two with the
		// question; the product's own description answers it
		{"疾风那款女生的轻量跑鞋 一只多重啊", "190克", "选38码即可"},
	} {
		r, _ := f.plan(t, turn("alice", c.msg))
		if !strings.Contains(r.Text, c.want) || strings.Contains(r.Text, c.notWant) {
			t.Errorf("%s: want %q and not %q, got %q", c.msg, c.want, c.notWant, r.Text)
		}
	}
}

func TestSubjectWordsAndSharedRuns(t *testing.T) {
	for _, c := range []struct{ tok, line, want string }{
		{"新一级能效变频空调", "空调送货上门装吗", "空调"},
		{"pro", "the pro one", "pro"},
		{"pro", "produce", ""},
		{"跑鞋", "皮鞋", ""},
	} {
		if got := sharedRun(c.tok, c.line); got != c.want {
			t.Errorf("sharedRun(%q, %q) = %q, want %q", c.tok, c.line, got, c.want)
		}
	}
	for _, c := range []struct {
		tok, line string
		want      []string
	}{
		{"疾风女子轻量跑鞋", "疾风那款女生的轻量跑鞋", []string{"轻量跑鞋", "疾风"}},
		{"轻量跑鞋女款疾风", "轻量跑鞋还是疾风", []string{"轻量跑鞋", "疾风"}},
	} {
		if got := sharedRuns(c.tok, c.line, nil); !slices.Equal(got, c.want) {
			t.Errorf("sharedRuns(%q, %q) = %q, want %q", c.tok, c.line, got, c.want)
		}
	}
	if got := withoutWords("空调含基础安装", []string{"空调"}); got != " 含基础安装" {
		t.Errorf("withoutWords = %q", got)
	}
}

// "<figure>多少" about a product whose description states that figure asks the
// figure; "多少" alone beside the product asks its price.
func TestFigureAskedIsNoPriceQuestion(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "轻暖羽绒服充了多少绒"))
	if calledTool(calls, tool.QuotePrice) || !strings.Contains(r.Text, "充绒量150克") {
		t.Errorf("figure after 多少: got %q (tools %v)", r.Text, calls)
	}
	r, calls = f.plan(t, turn("alice", "星耀X7主摄多少"))
	if calledTool(calls, tool.QuotePrice) || !strings.Contains(r.Text, "5000万像素主摄") {
		t.Errorf("figure asked: got %q (tools %v)", r.Text, calls)
	}
	_, calls = f.plan(t, turn("alice", "星耀X7 256G 多少"))
	if !calledTool(calls, tool.QuotePrice) {
		t.Errorf("price asked: no quote (tools %v)", calls)
	}
}

func calledTool(calls []tool.Call, name string) bool {
	for _, c := range calls {
		if c.Name == name {
			return true
		}
	}
	return false
}
