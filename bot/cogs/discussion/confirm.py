"""The confirmation behind `/discuss-mod cancel-plan`: nothing is cancelled until a moderator clicks.

The buttons are `DynamicItem`s (the plan number lives in the custom id), so a confirmation shown
before a restart still works after it; the moderator check runs again on the click, in code.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.i18n import t
from bot.ui.checks import member_is_moderator
from bot.ui.components import AnswersFailures
from bot.ui.failures import UserFacingError

CONFIRM_ID = re.compile(r"discuss:cancel-plan:(?P<plan>\d+):(?P<choice>yes|no)")


def confirm_plan_cancel_view(plan_number: int, count: int, locale: object) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(
        PlanCancelButton(
            plan_number, confirm=True, label=t("discussion.cancel_plan.yes", locale, count=count)
        )
    )
    view.add_item(
        PlanCancelButton(plan_number, confirm=False, label=t("discussion.cancel_plan.no", locale))
    )
    return view


class PlanCancelButton(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=CONFIRM_ID,
):
    def __init__(self, plan_number: int, *, confirm: bool, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=label or ("✓" if confirm else "✗"),
                style=discord.ButtonStyle.danger if confirm else discord.ButtonStyle.secondary,
                custom_id=f"discuss:cancel-plan:{plan_number}:{'yes' if confirm else 'no'}",
            )
        )
        self.plan_number = plan_number
        self.confirm = confirm

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PlanCancelButton:
        return cls(int(match["plan"]), confirm=match["choice"] == "yes")

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        await member_is_moderator(interaction)
        assert interaction.guild_id is not None
        locale = interaction.locale
        if not self.confirm:
            text = t("discussion.cancel_plan.kept", locale, plan=self.plan_number)
        else:
            services = interaction.client.services
            cancelled = await services.schedules.cancel_plan(
                guild_id=interaction.guild_id, plan_number=self.plan_number
            )
            if not cancelled:
                raise UserFacingError("discussion.cancel_plan.nothing_left", plan=self.plan_number)
            for schedule in cancelled:
                services.driver.remove(schedule.id)
            text = t(
                "discussion.cancelled_plan", locale, plan=self.plan_number, count=len(cancelled)
            )
            cog = interaction.client.get_cog("DiscussionCog")
            if cog is not None:  # the plan's events are cancelled, in the background
                cog.events.after_change(cancelled)
        # The question becomes the answer: the buttons go, so a second click cannot happen.
        await interaction.response.edit_message(content=text, view=None)
