package llm_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// One tool-using turn: stream the model's answer; while it asks for tools, run
// them and send their results back; stop at the first answer without calls.
func Example_toolTurn() {
	srv := llmtest.NewServer(nil) // a scripted model, as in tests
	defer srv.Close()
	srv.On(llmtest.AfterTool("get_order"), llmtest.Response{Text: "Your order O-1001 has shipped."})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: "get_order", Arguments: `{"order_id":"O-1001"}`}}})

	c := llm.New(llm.Config{BaseURL: srv.URL, Model: "any"})
	req := llm.Request{
		Messages: []llm.Message{
			{Role: llm.RoleSystem, Content: "You are a shop's customer service."},
			{Role: llm.RoleUser, Content: "Where is my order O-1001?"},
		},
		Tools: []llm.Tool{{Name: "get_order", Description: "One of the customer's orders.",
			Parameters: []byte(`{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}`)}},
	}
	runTool := func(name, args string) string { return `{"order_id":"O-1001","status":"shipped"}` }

	for step := 0; step < 5; step++ { // a bound: a model may ask for tools forever
		s, err := c.Stream(context.Background(), req)
		if err != nil {
			fmt.Println("fall back:", llm.KindOf(err))
			return
		}
		var msg llm.Message
		var failed error
		for ev := range s.Events() {
			switch ev.Type {
			case llm.EventText:
				fmt.Print(ev.Text) // e.g. update the post being written
			case llm.EventDone:
				msg = ev.Message
			case llm.EventError:
				failed = ev.Err
			}
		}
		s.Close()
		switch {
		case errors.Is(failed, context.Canceled):
			fmt.Println("stale: a newer message will be answered instead")
			return
		case failed != nil:
			fmt.Println("fall back:", llm.KindOf(failed)) // timeout, unavailable, auth, ...
			return
		case len(msg.ToolCalls) == 0:
			fmt.Println()
			return
		}
		req.Messages = append(req.Messages, msg) // the assistant's calls, then one result per call
		for _, call := range msg.ToolCalls {
			fmt.Printf("[%s %s]\n", call.Name, call.Arguments)
			req.Messages = append(req.Messages, llm.Message{Role: llm.RoleTool, ToolCallID: call.ID,
				Content: runTool(call.Name, call.Arguments)})
		}
	}
	// Output:
	// [get_order {"order_id":"O-1001"}]
	// Your order O-1001 has shipped.
}
