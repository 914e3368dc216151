CREATE TABLE "mentor_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"mentor_member_id" uuid NOT NULL,
	"mentee_member_id" uuid NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"installed" boolean DEFAULT false NOT NULL,
	"registered" boolean DEFAULT false NOT NULL,
	"activated" boolean DEFAULT false NOT NULL,
	"profile_updated" boolean DEFAULT false NOT NULL,
	"practised" text[] DEFAULT '{}'::text[] NOT NULL,
	"proficient" boolean DEFAULT false NOT NULL,
	"problem" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentor_member_id_members_id_fk" FOREIGN KEY ("mentor_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentee_member_id_members_id_fk" FOREIGN KEY ("mentee_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_outcomes" ADD CONSTRAINT "support_outcomes_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_outcomes" ADD CONSTRAINT "support_outcomes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_outcomes" ADD CONSTRAINT "support_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_assignments_pair_key" ON "mentor_assignments" USING btree ("campaign_id","mentee_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_outcomes_session_member_key" ON "support_outcomes" USING btree ("session_id","member_id");--> statement-breakpoint
CREATE INDEX "support_outcomes_member_idx" ON "support_outcomes" USING btree ("member_id");