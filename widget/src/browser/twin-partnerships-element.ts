// <twin-partnerships city="si-kranj" lang="sl">: a city's partners as a list and a map, in an open
// shadow root, from the twingraph gateway that served this script. The bundle's entry point.
import { TWIN_PARTNERSHIPS } from "../operations";
import { project } from "../projection";
import { html } from "./dom-builder";
import { createMapView, type MapPlace, type MapView } from "./map-view";
import { createPartnerList, type PartnerListView, partnerIds } from "./partner-list-view";
import {
  type CityData,
  hasCoordinates,
  type Partner,
  type PlaceData,
  partnersOf,
  showableDespiteErrors,
  type TwinPartnershipsData,
} from "./partners-model";
import { fetchPersisted, GraphQLRequestError } from "./partnerships-request";
import { chooseLanguage, inheritedLanguageTags } from "./ui-language";
import { countPartners, fill, UI_STRINGS, type UiLanguage } from "./ui-strings";
import { WIDGET_CSS } from "./widget-styles";

/** sha256 of TWIN_PARTNERSHIPS.body, put in by the build: crypto.subtle is missing on http pages. */
declare const __TWIN_PARTNERSHIPS_SHA256__: string;

type WidgetState =
  | { kind: "loading" }
  | { kind: "no-city" }
  | { kind: "unknown"; cityId: string }
  | { kind: "error"; details: readonly string[] }
  | { kind: "ready"; city: CityData; partners: Partner[] };

type Outlines = typeof import("./world-geometry");

let outlines: Promise<Outlines | undefined> | undefined;

/** The outlines module, fetched once for every widget on the page, after the first list is shown. */
function loadOutlines(): Promise<Outlines | undefined> {
  // without outlines the map still shows the places on a plain sea, so a failed chunk is not an error
  outlines ??= import("./world-geometry").catch(() => undefined);
  return outlines;
}

export class TwinPartnershipsElement extends HTMLElement {
  static readonly observedAttributes = ["city", "lang", "endpoint"];

  private readonly container: HTMLElement;
  private readonly header: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private language: UiLanguage = "en";
  private selected: string | undefined;
  private list: PartnerListView | undefined;
  private map: MapView | undefined;
  private request: AbortController | undefined;
  private loadQueued = false;
  /** the partner whose button or marker had the focus when a refetch began */
  private focusAfterLoad: string | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptStyles(root);
    this.header = html("div", { class: "header", part: "header" });
    this.status = html("p", { class: "status", part: "status", role: "status", "aria-live": "polite" });
    this.body = html("div", { class: "body" });
    this.container = html(
      "section",
      { class: "container", part: "container" },
      this.header,
      this.status,
      this.body,
    );
    root.append(this.container);
  }

  connectedCallback(): void {
    this.queueLoad();
  }

  disconnectedCallback(): void {
    this.request?.abort();
  }

  attributeChangedCallback(_name: string, previous: string | null, value: string | null): void {
    if (previous !== value && this.isConnected) this.queueLoad();
  }

  /** Fetches the partnerships again, as the Retry button does. */
  reload(): void {
    this.queueLoad();
  }

  /** Setting city and lang together asks the graph once. */
  private queueLoad(): void {
    if (this.loadQueued) return;
    this.loadQueued = true;
    queueMicrotask(() => {
      this.loadQueued = false;
      void this.load();
    });
  }

  private async load(): Promise<void> {
    this.request?.abort();
    this.language = chooseLanguage(inheritedLanguageTags(this));
    const cityId = this.getAttribute("city")?.trim();
    if (!cityId) return this.show({ kind: "no-city" });
    const request = new AbortController();
    this.request = request;
    this.focusAfterLoad = this.focusedCityId() ?? this.focusAfterLoad;
    this.show({ kind: "loading" });
    const state = await this.fetchState(cityId, request.signal);
    if (request.signal.aborted) return;
    this.show(state);
  }

  private async fetchState(cityId: string, signal: AbortSignal): Promise<WidgetState> {
    try {
      const data = await fetchPersisted<TwinPartnershipsData>(
        {
          endpoint: this.endpoint(),
          operationName: TWIN_PARTNERSHIPS.name,
          query: TWIN_PARTNERSHIPS.body,
          sha256Hash: __TWIN_PARTNERSHIPS_SHA256__,
          variables: { city: cityId, lang: this.language },
        },
        signal,
        fetch,
        showableDespiteErrors,
      );
      if (!data.city) return { kind: "unknown", cityId };
      return { kind: "ready", city: data.city, partners: partnersOf(data.city, this.language) };
    } catch (error) {
      const details = error instanceof GraphQLRequestError ? error.messages : [(error as Error).message];
      return { kind: "error", details };
    }
  }

  private endpoint(): URL {
    const attribute = this.getAttribute("endpoint");
    // by default the gateway that served this script, wherever the page embedding it lives
    return attribute ? new URL(attribute, document.baseURI) : new URL("/graphql", import.meta.url);
  }

  private show(state: WidgetState): void {
    const strings = UI_STRINGS[this.language];
    this.container.lang = this.language;
    this.container.setAttribute("aria-busy", String(state.kind === "loading"));
    this.list = undefined;
    this.map = undefined;
    this.header.replaceChildren(
      ...(state.kind === "ready"
        ? [html("h2", { class: "title", part: "title" }, state.city.displayName)]
        : []),
      html("p", { class: "subtitle", part: "subtitle" }, strings.partnerships),
    );
    this.container.setAttribute(
      "aria-label",
      state.kind === "ready" ? `${strings.partnerships}: ${state.city.displayName}` : strings.partnerships,
    );
    switch (state.kind) {
      case "loading":
        this.status.textContent = strings.loading;
        this.body.replaceChildren(skeleton());
        return;
      case "no-city":
        this.status.textContent = strings.noCity;
        this.body.replaceChildren();
        return;
      case "unknown":
        this.status.textContent = fill(strings.unknownCity, { city: state.cityId });
        this.body.replaceChildren();
        return;
      case "error":
        this.status.textContent = strings.error;
        this.body.replaceChildren(this.errorDetails(state.details));
        return;
      case "ready":
        this.showPartners(state.city, state.partners);
        this.restoreFocus();
    }
  }

  private errorDetails(details: readonly string[]): HTMLElement {
    const retry = html(
      "button",
      { type: "button", class: "retry", part: "retry" },
      UI_STRINGS[this.language].retry,
    );
    retry.addEventListener("click", () => this.reload());
    return html(
      "div",
      { class: "error", part: "message" },
      html("p", { class: "detail" }, details.join(" ")),
      retry,
    );
  }

  private showPartners(city: CityData, partners: Partner[]): void {
    this.status.textContent =
      partners.length === 0 ? UI_STRINGS[this.language].empty : countPartners(this.language, partners.length);
    if (partners.length === 0) {
      this.body.replaceChildren();
      return;
    }
    if (!partners.some((partner) => partner.place.id === this.selected)) this.selected = undefined;
    this.list = createPartnerList(partners, this.language, (id) =>
      this.select(this.selected === id ? undefined : id),
    );
    this.map = this.partnerMap(city, partners);
    this.body.replaceChildren(html("div", { class: "layout" }, this.list.element, this.map?.element ?? null));
    this.applySelection();
    const map = this.map;
    if (map) void loadOutlines().then((module) => module && map.showOutlines(module.LAND, module.BORDERS));
  }

  private partnerMap(city: CityData, partners: readonly Partner[]): MapView | undefined {
    const located = partners.flatMap((partner, index) => {
      const place = mapPlace(partner.place);
      return place ? [{ ...place, controls: partnerIds(index).details }] : [];
    });
    if (located.length === 0) return undefined;
    const strings = UI_STRINGS[this.language];
    return createMapView(
      mapPlace(city),
      located,
      { title: strings.mapLabel, credit: strings.mapCredit },
      (id) => this.selectFromMap(id),
    );
  }

  private select(id: string | undefined): void {
    this.selected = id;
    this.applySelection();
    this.dispatchEvent(
      new CustomEvent("twin-select", { detail: { cityId: id ?? null }, bubbles: true, composed: true }),
    );
  }

  /** A marker opens its partner's details and brings them into view; it keeps the focus. */
  private selectFromMap(id: string): void {
    this.select(id);
    const button = this.list?.button(id);
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    button?.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
  }

  private applySelection(): void {
    this.list?.setSelected(this.selected);
    this.map?.setSelected(this.selected);
  }

  private focusedCityId(): string | undefined {
    const active = this.shadowRoot?.activeElement;
    return active instanceof Element ? (active.getAttribute("data-city-id") ?? undefined) : undefined;
  }

  /** After a refetch (another language) the focus returns to the same partner's button. */
  private restoreFocus(): void {
    const cityId = this.focusAfterLoad;
    this.focusAfterLoad = undefined;
    if (cityId) this.list?.button(cityId)?.focus();
  }
}

function adoptStyles(root: ShadowRoot): void {
  // a constructed stylesheet passes a strict style-src CSP, which a <style> element would not
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  root.append(html("style", {}, WIDGET_CSS));
}

/** A place on the map, if the graph knows where it is. */
function mapPlace(place: PlaceData): MapPlace | undefined {
  if (!hasCoordinates(place)) return undefined;
  return { id: place.id, label: place.displayName, point: project(place.longitude, place.latitude) };
}

function skeleton(): HTMLElement {
  return html("div", { class: "skeleton", "aria-hidden": "true" }, html("span"), html("span"), html("span"));
}

if (!customElements.get("twin-partnerships"))
  customElements.define("twin-partnerships", TwinPartnershipsElement);
