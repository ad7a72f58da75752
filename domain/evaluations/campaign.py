"""An evaluation campaign (评价) of one kind for a year: the units it evaluates, who may
evaluate them, and its ballots, each evaluator's once. A mutual evaluation (互评) never
lets a unit rate itself; public satisfaction (群众满意度) is by anonymous token only.

Ballots live in the campaign, so "once per evaluator", "a token submits once" and "no
ballot after the close" are one aggregate's invariants, decided in order by the store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.checks import require_text
from domain.evaluations.ballots import Evaluators, Scale, UnitScore, check_scores
from domain.evaluations.events import CampaignEvents
from domain.evaluations.tokens import anonymous, is_token_shaped, new_tokens, token_sha256
from domain.events import Stamp
from domain.vocabulary import EvaluationKind, Role

LARGEST_BATCH = 5000
Kind = EvaluationKind


class EvaluationCampaign(CampaignEvents):
    year_id: UUID
    kind: EvaluationKind
    scale: Scale
    evaluated: tuple[UUID, ...]
    evaluator_units: frozenset[UUID]
    evaluator_users: frozenset[str]
    issued: set[str]
    used: set[str]
    voted: set[str]
    batches: int
    closed: bool

    @classmethod
    def open(
        cls,
        *,
        id: UUID,
        year_id: UUID,
        kind: EvaluationKind,
        title: str,
        scale: Scale,
        evaluated_units: list[UUID],
        evaluators: Evaluators,
        enrolled: Collection[UUID],
        stamp: Stamp,
    ) -> EvaluationCampaign:
        require_duty(stamp.actor_role, Duty.RUN_EVALUATION)
        title = require_text(title, "title")
        scale.check()
        _check_units(evaluated_units, enrolled, "evaluated_units")
        if kind is Kind.MUTUAL and len(evaluated_units) < 2:
            raise errors.InvalidInput("units rate each other: two or more", field="evaluated_units")
        _check_evaluators(kind, evaluators, enrolled)
        return cls._begin(
            cls.Opened,
            id=id,
            stamp=stamp,
            year_id=year_id,
            kind=kind,
            title=title,
            scale=scale,
            evaluated_units=evaluated_units,
            evaluators=evaluators,
        )

    def issue_tokens(
        self, *, count: int, stamp: Stamp, draw: Callable[[int], list[str]] = new_tokens
    ) -> list[str]:
        """A new batch of tokens; their plaintext is returned, only their hashes recorded.
        `draw` makes them (a reproducible demo year draws them from its seed)."""
        require_duty(stamp.actor_role, Duty.RUN_EVALUATION)
        self._require_kind(public=True)
        self._require_open()
        if not 1 <= count <= LARGEST_BATCH:
            raise errors.InvalidInput(f"a batch holds 1 to {LARGEST_BATCH} tokens", field="count")
        tokens = draw(count)
        if len(tokens) != count or not all(is_token_shaped(token) for token in tokens):
            raise errors.Conflict("the tokens drawn are not a batch; issue again", field="count")
        hashes = [token_sha256(token) for token in tokens]
        # 256 random bits never collide in practice; the check keeps "issued once" a rule.
        if len(set(hashes)) != count or not self.issued.isdisjoint(hashes):
            raise errors.Conflict("a token was drawn twice; issue the batch again", field="count")
        self._record(self.TokensIssued, stamp, batch=self.batches + 1, token_sha256=hashes)
        return tokens

    def submit(self, *, scores: list[UnitScore], stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.SUBMIT_EVALUATION)
        self._require_kind(public=False)
        self._require_open()
        evaluator, own_unit = self._evaluator(stamp)
        if evaluator in self.voted:
            raise errors.AlreadyEvaluated("this evaluator has submitted already", field="by")
        if own_unit is not None and any(s.unit_id == own_unit for s in scores):
            raise errors.SelfEvaluationRefused("a unit does not rate itself", field="scores")
        expected = set(self.evaluated) - {own_unit} if own_unit else set(self.evaluated)
        check_scores(scores, scale=self.scale, evaluated=self.evaluated, expected=expected)
        self._record(self.BallotSubmitted, stamp, evaluator=evaluator, scores=scores)

    def submit_public(self, *, token: str, scores: list[UnitScore], stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.SUBMIT_PUBLIC_EVALUATION)
        self._require_kind(public=True)
        self._require_open()
        digest = token_sha256(token) if is_token_shaped(token) else None
        if digest is None or digest not in self.issued:
            raise errors.TokenInvalid("this token was not issued for the campaign", field="token")
        if digest in self.used:
            raise errors.TokenUsed("this token has submitted already", field="token")
        check_scores(scores, scale=self.scale, evaluated=self.evaluated, expected=None)
        self._record(
            self.PublicBallotSubmitted, anonymous(stamp), token_sha256=digest, scores=scores
        )

    def close(self, *, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.RUN_EVALUATION)
        self._require_open()
        self._record(self.Closed, stamp)

    def _evaluator(self, stamp: Stamp) -> tuple[str, UUID | None]:
        """The evaluator a ballot counts for, and the unit it answers for (mutual only)."""
        unit = stamp.acting_unit
        if stamp.actor_role is Role.UNIT and unit is not None and unit in self.evaluator_units:
            return f"unit:{unit}", unit if self.kind is Kind.MUTUAL else None
        if stamp.actor_id in self.evaluator_users:
            return f"user:{stamp.actor_id}", None
        raise errors.Forbidden("not an evaluator of this campaign", field="by")

    def _require_kind(self, *, public: bool) -> None:
        if (self.kind is Kind.PUBLIC) != public:
            how = "by anonymous token" if self.kind is Kind.PUBLIC else "by its named evaluators"
            raise errors.InvalidInput(
                f"a {self.kind} campaign is evaluated {how}", field="campaign_id"
            )

    def _require_open(self) -> None:
        if self.closed:
            raise errors.CampaignClosed("the campaign is closed", field="campaign_id")


def _check_units(units: list[UUID], enrolled: Collection[UUID], field: str) -> None:
    if len(set(units)) != len(units):
        raise errors.InvalidInput("each unit is named once", field=field)
    if any(unit not in enrolled for unit in units):
        raise errors.NotEnrolled("a unit named is not assessed that year", field=field)


def _check_evaluators(
    kind: EvaluationKind, evaluators: Evaluators, enrolled: Collection[UUID]
) -> None:
    _check_units(evaluators.units, enrolled, "evaluators.units")
    users = [require_text(user, "evaluators.users") for user in evaluators.users]
    if len(set(users)) != len(users):
        raise errors.InvalidInput("each user is named once", field="evaluators.users")
    allowed = {
        Kind.MUTUAL: bool(evaluators.units) and not users,
        Kind.DEMOCRATIC: bool(evaluators.units or users),
        Kind.LEADERSHIP: bool(users) and not evaluators.units,
        Kind.PUBLIC: not (evaluators.units or users),
    }
    if not allowed[kind]:
        raise errors.InvalidInput(
            "mutual: units; democratic: units or users; leadership: users; "
            "public: none (anonymous tokens)",
            field="evaluators",
        )
