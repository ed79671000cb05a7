//go:build rediscpu

package handlers

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRedisCPUPerRequest measures Redis' main-thread CPU (INFO cpu) per first read of the day,
// swap and outcome through the whole stack, and per call of the floor script
// (../shared/bench/essential-outcome.lua), each as N sequential requests over a few
// connections. Run: go test -tags rediscpu -run RedisCPU -v ./handlers/
func TestRedisCPUPerRequest(t *testing.T) {
	const users, workers = 240, 4
	a := newAPI(t)
	o := a.loopNewOrg("cpu")
	v := o.value("Attentive")
	o.gestures(v.Id, "Greet", 20)
	team := a.team(o.admin, "Store")
	sessions := make([]*Session, users)
	for i := range sessions {
		sessions[i] = o.member(fmt.Sprintf("User %d", i), "employee", team.Id)
	}
	rdb := a.store.Client()
	ctx := context.Background()
	cpu := func() float64 {
		info, err := rdb.Info(ctx, "cpu").Result()
		if err != nil {
			t.Fatal(err)
		}
		total := 0.0
		for _, line := range strings.Split(info, "\r\n") {
			k, val, _ := strings.Cut(line, ":")
			if k == "used_cpu_sys_main_thread" || k == "used_cpu_user_main_thread" {
				f, _ := strconv.ParseFloat(val, 64)
				total += f
			}
		}
		return total
	}
	run := func(name string, each func(i int)) float64 {
		before := cpu()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < users; i += workers {
					each(i)
				}
			}()
		}
		wg.Wait()
		us := (cpu() - before) / users * 1e6
		t.Logf("%-12s %6.1f µs Redis CPU per request", name, us)
		return us
	}
	ids := make([]string, users)
	first := run("first read", func(i int) { ids[i] = a.loopToday(sessions[i]).Id })
	swap := run("swap", func(i int) {
		a.call("POST", "/v1/me/assignments/"+ids[i]+"/swap", sessions[i].AccessToken, nil).expect(200)
	})
	outcome := run("outcome", func(i int) {
		a.loopRecord(sessions[i], ids[i], map[string]any{"result": "done", "reaction": "positive"},
			"Idempotency-Key", "k"+strconv.Itoa(i)).expect(201)
	})
	src, err := os.ReadFile("../../shared/bench/essential-outcome.lua")
	if err != nil {
		t.Fatal(err)
	}
	floorScript := a.store.Floor(string(src))
	day := time.Now().Format(time.DateOnly)
	floor := run("floor", func(i int) {
		if err := floorScript.Call(ctx, "u"+strconv.Itoa(i), "t1", day, 10, "story"); err != nil {
			t.Error(err)
		}
	})
	t.Logf("ratios to the floor: first read %.2f, swap %.2f, outcome %.2f", first/floor, swap/floor, outcome/floor)
}
