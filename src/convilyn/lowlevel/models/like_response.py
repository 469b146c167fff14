from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LikeResponse")


@_attrs_define
class LikeResponse:
    """The like state after toggling.

    Attributes:
        liked (bool): Whether you like the workflow after this call.
        like_count (int): The workflow's like count after this call.
    """

    liked: bool
    like_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        liked = self.liked

        like_count = self.like_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "liked": liked,
                "likeCount": like_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        liked = d.pop("liked")

        like_count = d.pop("likeCount")

        like_response = cls(
            liked=liked,
            like_count=like_count,
        )

        like_response.additional_properties = d
        return like_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
