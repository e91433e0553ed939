"""The vocabulary of standing: target, activity and measure states, and lights, as enums
that carry their rules.

Each state is a `StrEnum`, so it is its own stable word in JSON and CSV ("on_track"),
and it knows what follows from it: whether it counts as met, its light, the group the
summary sentence puts it in, the key of its words in `i18n`. Pure; imports nothing of
ours.
"""

from __future__ import annotations

from enum import StrEnum


class Light(StrEnum):
    """The light a state shows: green is fine, yellow needs a look, red needs action."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


class TargetState(StrEnum):
    """Where a target stands; listed in the order summaries count them."""

    EXCEEDED = "exceeded"  # above a range's top, or above an exact goal
    MET = "met"  # the goal's lower bound is reached
    DONE = "done"  # a milestone is done
    ON_TRACK = "on_track"  # at or above the expected value (序时进度)
    BEHIND = "behind"  # below it
    OVERDUE = "overdue"  # the due day has come, the goal not reached (未完成 at the end)
    PENDING = "pending"  # nothing expected yet, nothing done
    OPEN = "open"  # a milestone not done, not yet due

    @property
    def met(self) -> bool:
        """Return whether the goal counts as reached (exceeded, met, done)."""
        return self in (TargetState.EXCEEDED, TargetState.MET, TargetState.DONE)

    @property
    def group(self) -> str:
        """Return the group of the report's summary sentence: completed, on_track, behind,
        overdue or not_started."""
        if self.met:
            return "completed"
        if self in (TargetState.PENDING, TargetState.OPEN):
            return "not_started"
        return self.value

    def light(self, actual: int = 0, expected: int | None = None) -> Light:
        """Return the light: red for overdue, and for behind with less than half of what
        was expected (yellow otherwise); green for met and on track; grey for the rest."""
        if self.met or self is TargetState.ON_TRACK:
            return Light.GREEN
        if self is TargetState.OVERDUE:
            return Light.RED
        if self is TargetState.BEHIND:
            return Light.RED if expected is not None and actual * 2 < expected else Light.YELLOW
        return Light.GREY

    def words_key(self, final: bool = False) -> str:
        """Return the i18n key of the state's words; overdue at the period's end (`final`)
        reads "not achieved" (未完成)."""
        if self is TargetState.OVERDUE and final:
            return "state.not_achieved"
        return "state." + self.value


# The summary sentence's groups, in its order.
SUMMARY_GROUPS = ("completed", "on_track", "behind", "overdue", "not_started")


class ActivityState(StrEnum):
    """Where a major activity stands. `kexie status` uses all but this_month."""

    HELD = "held"
    THIS_MONTH = "this_month"  # not held, planned to start (or still running) this month
    UPCOMING = "upcoming"  # planned for a later month
    OVERDUE = "overdue"  # its planned month or date has ended unheld
    NOT_HELD = "not_held"  # like overdue, but its month was only an estimate (tentative)

    @property
    def light(self) -> Light:
        return _ACTIVITY_LIGHTS[self]

    @property
    def words_key(self) -> str:
        return "activity." + self.value


_ACTIVITY_LIGHTS = {
    ActivityState.HELD: Light.GREEN,
    ActivityState.THIS_MONTH: Light.YELLOW,
    ActivityState.UPCOMING: Light.GREY,
    ActivityState.OVERDUE: Light.RED,
    ActivityState.NOT_HELD: Light.GREY,
}


class MeasureState(StrEnum):
    """Where a measure stands, from the records noted against it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def light(self) -> Light:
        return {"done": Light.GREEN, "in_progress": Light.YELLOW}.get(self.value, Light.GREY)

    @property
    def words_key(self) -> str:
        # done reads as a done target does (已完成): one key for the one text
        return "state.done" if self is MeasureState.DONE else "measure." + self.value
