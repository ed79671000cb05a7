package push

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the push workers' Prometheus collectors.
type Metrics struct {
	sent       prometheus.Counter
	failed     *prometheus.CounterVec
	retried    prometheus.Counter
	dead       prometheus.Counter
	deferred   prometheus.Counter
	suppressed prometheus.Counter
	lagSeconds prometheus.Histogram
	reminders  *prometheus.CounterVec
}

// NewMetrics registers the push collectors on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		sent:       prometheus.NewCounter(prometheus.CounterOpts{Name: "microact_push_sent_total", Help: "Pushes FCM accepted, one per device."}),
		failed:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "microact_push_failed_total", Help: "Pushes FCM did not accept, by reason (unregistered, retryable, rejected)."}, []string{"reason"}),
		retried:    prometheus.NewCounter(prometheus.CounterOpts{Name: "microact_push_retried_total", Help: "Notifications put back for another attempt."}),
		dead:       prometheus.NewCounter(prometheus.CounterOpts{Name: "microact_push_dead_lettered_total", Help: "Notifications given up on after the last attempt (they stay in the inbox)."}),
		deferred:   prometheus.NewCounter(prometheus.CounterOpts{Name: "microact_push_deferred_total", Help: "Pushes held back until the user's quiet hours end."}),
		suppressed: prometheus.NewCounter(prometheus.CounterOpts{Name: "microact_push_suppressed_total", Help: "Notifications not pushed (daily cap or kudos collapse); they reach the inbox only."}),
		lagSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "microact_outbox_lag_seconds", Help: "Time from enqueueing a notification to a worker taking it.",
			Buckets: []float64{.01, .05, .1, .5, 1, 5, 10, 60, 300, 3600}}),
		reminders: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "microact_reminders_total", Help: "Scheduled reminders handled, by kind and whether one was sent."}, []string{"kind", "sent"}),
	}
	reg.MustRegister(m.sent, m.failed, m.retried, m.dead, m.deferred, m.suppressed, m.lagSeconds, m.reminders)
	return m
}

func (m *Metrics) lag(d time.Duration) { m.lagSeconds.Observe(max(d, 0).Seconds()) }
